using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

public sealed class SnmpV3TrapDecoderTests
{
    private static readonly byte[] Ours = Convert.FromHexString("80001f880501020304050607");
    private static readonly byte[] Sender = Convert.FromHexString("8000000001aabbccdd");
    private readonly FakeTimeProvider _time = new();
    private readonly SnmpLocalEngine _engine;
    private readonly UsmUser _user;
    private readonly SnmpV3TrapDecoder _decoder;

    public SnmpV3TrapDecoderTests()
    {
        _engine = new SnmpLocalEngine(Ours, 4, _time);
        var options = new SnmpOptions();
        options.Credentials["core"] = new SnmpCredentialOptions { Version = "3", User = "netops", AuthProtocol = "SHA", AuthKey = "auth-pass-1", PrivProtocol = "AES", PrivKey = "priv-pass-1" };
        var users = new UsmUsers(options);
        _user = users.Find("core")!;
        _decoder = new SnmpV3TrapDecoder(_engine, users);
    }

    internal static SnmpPdu LinkDown(SnmpPduType type) => new(type, 321, 0, 0,
    [
        new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(4242)),
        new VarBind(SnmpTrap.SnmpTrapOid0, SnmpValue.ObjectId(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
        new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.2"), SnmpValue.Integer(2)),
    ]);

    private byte[] Seal(SnmpPdu pdu, byte[] engineId, int boots, int time, UsmUser? user = null, SnmpV3Flags extra = 0)
    {
        user ??= _user;
        return UsmSecurity.Seal(new ScopedPdu(engineId, [], pdu), 55, user.Level | extra, user, user.KeysFor(engineId), engineId, boots, time, 9);
    }

    [Fact]
    public void A_trap_under_the_senders_engine_is_decoded_with_the_users_key_localized_to_it()
    {
        var receipt = _decoder.Decode(Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77));
        Assert.Equal(SnmpTrapOutcome.Received, receipt.Outcome);
        Assert.Equal("1.3.6.1.6.3.1.1.5.3", receipt.Trap!.TrapOid.ToString());
        Assert.Null(receipt.Reply);
    }

    [Fact]
    public void An_inform_is_discovered_then_answered_with_a_response_the_sender_can_open()
    {
        var probe = UsmSecurity.Seal(new ScopedPdu([], [], new SnmpPdu(SnmpPduType.GetRequest, 8, 0, 0, [])), 60, SnmpV3Flags.Reportable, null, null, [], 0, 0, 0);
        var discovery = _decoder.Decode(probe);
        Assert.Equal(SnmpTrapOutcome.Discovery, discovery.Outcome);
        Assert.True(SnmpV3Message.TryParse(discovery.Reply!, out var report, out _));
        Assert.Equal(Ours, report!.Security.EngineId);
        Assert.Equal(UsmStatus.UnknownEngineId, UsmSecurity.ReportStatus(report.Scoped!.Pdu));

        _time.Advance(TimeSpan.FromSeconds(30));
        var receipt = _decoder.Decode(Seal(LinkDown(SnmpPduType.InformRequest), Ours, 4, 30, extra: SnmpV3Flags.Reportable));
        Assert.Equal(SnmpTrapOutcome.Received, receipt.Outcome);
        Assert.True(receipt.Trap!.IsInform);
        Assert.True(SnmpV3Message.TryParse(receipt.Reply!, out var response, out _));
        Assert.Equal(55, response!.MessageId);
        Assert.Equal(UsmStatus.Ok, UsmSecurity.Open(receipt.Reply, response, _user, _user.KeysFor(Ours), out var scoped));
        Assert.Equal((SnmpPduType.Response, 321), (scoped!.Pdu.Type, scoped.Pdu.RequestId));
    }

    [Fact]
    public void An_inform_outside_our_time_window_gets_an_authenticated_notInTimeWindow_report_and_is_not_stored()
    {
        _time.Advance(TimeSpan.FromSeconds(1000));
        var receipt = _decoder.Decode(Seal(LinkDown(SnmpPduType.InformRequest), Ours, 4, 10, extra: SnmpV3Flags.Reportable));
        Assert.Equal(SnmpTrapOutcome.AuthFailed, receipt.Outcome);
        Assert.Null(receipt.Trap);
        Assert.True(SnmpV3Message.TryParse(receipt.Reply!, out var report, out _));
        Assert.Equal(SnmpV3Flags.Auth, report!.Flags);
        Assert.Equal(UsmStatus.Ok, UsmSecurity.Open(receipt.Reply, report, new UsmUser("x", "netops", UsmAuthProtocol.Sha1, "auth-pass-1", UsmPrivProtocol.None, null), _user.KeysFor(Ours), out var scoped));
        Assert.Equal(UsmStatus.NotInTimeWindow, UsmSecurity.ReportStatus(scoped!.Pdu));
        Assert.Equal(1000, report.Security.EngineTime);
    }

    [Fact]
    public void A_wrong_key_an_unknown_user_and_no_authentication_are_refused_as_auth_failed()
    {
        var wrong = new UsmUser("core", "netops", UsmAuthProtocol.Sha1, "not-the-key", UsmPrivProtocol.Aes128, "priv-pass-1");
        var stranger = new UsmUser("core", "mallory", UsmAuthProtocol.Sha1, "auth-pass-1", UsmPrivProtocol.Aes128, "priv-pass-1");
        var plain = UsmSecurity.Seal(new ScopedPdu(Sender, [], LinkDown(SnmpPduType.TrapV2)), 56, SnmpV3Flags.None, null, null, Sender, 1, 1, 0);
        Assert.Equal((SnmpTrapOutcome.AuthFailed, "usmStatsWrongDigests"), Outcome(_decoder.Decode(Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77, wrong))));
        Assert.Equal((SnmpTrapOutcome.AuthFailed, "usmStatsUnknownUserNames"), Outcome(_decoder.Decode(Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77, stranger))));
        Assert.Equal((SnmpTrapOutcome.AuthFailed, "unauthenticated"), Outcome(_decoder.Decode(plain)));
    }

    private static (SnmpTrapOutcome, string) Outcome(SnmpV3Receipt r) => (r.Outcome, r.Reason);

    [Fact]
    public void Mutated_v3_traps_and_informs_are_decoded_or_refused_without_throwing()
    {
        byte[][] seeds =
        [
            Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77),
            Seal(LinkDown(SnmpPduType.InformRequest), Ours, 4, 0, extra: SnmpV3Flags.Reportable),
            Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77, new UsmUser("core", "netops", UsmAuthProtocol.Sha1, "auth-pass-1", UsmPrivProtocol.None, null)),
        ];
        var random = new Random(3826);
        var buffer = new byte[2048];
        int decoded = 0;
        for (int i = 0; i < SnmpMutator.Iterations; i++)
        {
            int length = SnmpMutator.Next(random, seeds, buffer);
            var receipt = _decoder.Decode(buffer.AsSpan(0, length));
            if (receipt.Trap is not null) { decoded++; SnmpTrapNormalizer.Normalize(receipt.Trap); }
        }
        Assert.True(decoded > 0);
    }
}
