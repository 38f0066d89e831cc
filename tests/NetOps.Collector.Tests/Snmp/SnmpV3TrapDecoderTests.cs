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
    private readonly SnmpV3ReplayGuard _replay;

    public SnmpV3TrapDecoderTests()
    {
        _engine = new SnmpLocalEngine(Ours, 4, _time);
        var options = new SnmpOptions();
        options.Credentials["core"] = new SnmpCredentialOptions { Version = "3", User = "netops", AuthProtocol = "SHA", AuthKey = "auth-pass-1", PrivProtocol = "AES", PrivKey = "priv-pass-1" };
        var users = new UsmUsers(options);
        _user = users.Find("core")!;
        _replay = new SnmpV3ReplayGuard(_time);
        _decoder = new SnmpV3TrapDecoder(_engine, users, _replay);
    }

    internal static SnmpPdu LinkDown(SnmpPduType type) => new(type, 321, 0, 0,
    [
        new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(4242)),
        new VarBind(SnmpTrap.SnmpTrapOid0, SnmpValue.ObjectId(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
        new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.2"), SnmpValue.Integer(2)),
    ]);

    private byte[] Seal(SnmpPdu pdu, byte[] engineId, int boots, int time, UsmUser? user = null, SnmpV3Flags extra = 0, int messageId = 55)
    {
        user ??= _user;
        return UsmSecurity.Seal(new ScopedPdu(engineId, [], pdu), messageId, user.Level | extra, user, user.KeysFor(engineId), engineId, boots, time, 9);
    }

    /// <summary>A linkDown trap from <see cref="Sender"/>'s engine; each message ID makes another message (another MAC).</summary>
    private SnmpV3Receipt Trap(int boots, int time, int messageId = 55, byte[]? engineId = null, UsmUser? user = null) =>
        _decoder.Decode(Seal(LinkDown(SnmpPduType.TrapV2), engineId ?? Sender, boots, time, user, messageId: messageId));

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
    public void A_captured_trap_sent_again_is_refused_as_replayed()
    {
        var captured = Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77);
        Assert.Equal(SnmpTrapOutcome.Received, _decoder.Decode(captured).Outcome);
        _time.Advance(TimeSpan.FromSeconds(20));
        var again = _decoder.Decode(captured);
        Assert.Equal((SnmpTrapOutcome.Replayed, "a copy of a message accepted in the last 305 s"), Outcome(again));
        Assert.Null(again.Trap);
        // Another trap in the same second of the sender's clock is not a copy.
        Assert.Equal(SnmpTrapOutcome.Received, Trap(1, 77, messageId: 56).Outcome);
    }

    [Fact]
    public void A_trap_replayed_after_its_window_is_refused_by_the_senders_clock()
    {
        var captured = Seal(LinkDown(SnmpPduType.TrapV2), Sender, 1, 77);
        Assert.Equal(SnmpTrapOutcome.Received, _decoder.Decode(captured).Outcome);
        _time.Advance(TimeSpan.FromSeconds(151));
        Assert.Equal((SnmpTrapOutcome.Replayed, "engine time 77 more than 150 s behind the 228 expected"), Outcome(_decoder.Decode(captured)));
        _time.Advance(TimeSpan.FromSeconds(600)); // its MAC is forgotten by now; the clock still refuses it
        Assert.Equal(0, _replay.Digests);
        Assert.Equal(SnmpTrapOutcome.Replayed, _decoder.Decode(captured).Outcome);
    }

    [Fact]
    public void A_trap_from_an_older_boot_is_refused_and_one_from_a_newer_boot_accepted()
    {
        Assert.Equal(SnmpTrapOutcome.Received, Trap(5, 100_000).Outcome);
        Assert.Equal((SnmpTrapOutcome.Replayed, "engine boots 4 below the 5 this engine sent before"), Outcome(Trap(4, 200_000, messageId: 2)));
        // The sender restarted: its time starts again from 0.
        Assert.Equal(SnmpTrapOutcome.Received, Trap(6, 3, messageId: 3).Outcome);
        Assert.Equal(SnmpTrapOutcome.Replayed, Trap(5, 100_010, messageId: 4).Outcome);
        Assert.Equal((SnmpTrapOutcome.Replayed, "engine boots at 2147483647, which a live engine never sends"), Outcome(Trap(int.MaxValue, 3, messageId: 5)));
    }

    [Fact]
    public void The_senders_time_may_lag_up_to_150_s_behind_the_expected_and_run_ahead()
    {
        Assert.Equal(SnmpTrapOutcome.Received, Trap(2, 1000).Outcome);
        _time.Advance(TimeSpan.FromSeconds(10)); // 1010 expected
        Assert.Equal(SnmpTrapOutcome.Received, Trap(2, 861, messageId: 2).Outcome);
        Assert.Equal((SnmpTrapOutcome.Replayed, "engine time 859 more than 150 s behind the 1010 expected"), Outcome(Trap(2, 859, messageId: 3)));
        Assert.Equal(SnmpTrapOutcome.Received, Trap(2, 5000, messageId: 4).Outcome); // a clock ahead moves ours
        Assert.Equal(SnmpTrapOutcome.Replayed, Trap(2, 1011, messageId: 5).Outcome);
    }

    [Fact]
    public void A_forged_trap_does_not_move_the_senders_clock_nor_add_an_engine()
    {
        var forger = new UsmUser("core", "netops", UsmAuthProtocol.Sha1, "not-the-key", UsmPrivProtocol.Aes128, "priv-pass-1");
        Assert.Equal(SnmpTrapOutcome.Received, Trap(5, 100).Outcome);
        Assert.Equal(SnmpTrapOutcome.AuthFailed, Trap(9, 100_000, messageId: 2, user: forger).Outcome);
        Assert.Equal(SnmpTrapOutcome.AuthFailed, Trap(1, 1, messageId: 3, user: forger, engineId: Convert.FromHexString("8000000001deadbeef")).Outcome);
        Assert.Equal((1, 1), (_replay.Engines, _replay.Digests));
        Assert.Equal(SnmpTrapOutcome.Received, Trap(5, 110, messageId: 4).Outcome); // refused had boots 9 been taken
    }

    [Fact]
    public void A_copy_of_an_inform_is_answered_again_but_not_stored_again()
    {
        var inform = Seal(LinkDown(SnmpPduType.InformRequest), Ours, 4, 0, extra: SnmpV3Flags.Reportable);
        Assert.Equal(SnmpTrapOutcome.Received, _decoder.Decode(inform).Outcome);
        var again = _decoder.Decode(inform);
        Assert.Equal(SnmpTrapOutcome.Replayed, again.Outcome);
        Assert.Null(again.Trap);
        Assert.True(SnmpV3Message.TryParse(again.Reply!, out var response, out _));
        Assert.Equal(55, response!.MessageId);
        Assert.Equal(0, _replay.Engines); // our own engine's clock is ours, not tracked
    }

    [Fact]
    public void The_engine_table_keeps_the_most_recently_heard_engines_and_the_digests_are_bounded()
    {
        var guard = new SnmpV3ReplayGuard(_time, maxEngines: 3, maxDigests: 10);
        byte[] Engine(int i) => [0x80, 0, 0, 0, 1, (byte)i];
        byte[] Mac(int i) => [.. BitConverter.GetBytes(i), 0, 0, 0, 0, 0, 0, 0, 0];
        for (int i = 0; i < 5; i++) Assert.Null(guard.Admit(Engine(i), 7, 1000, Mac(i), senderClock: true));
        Assert.Null(guard.Admit(Engine(2), 7, 1001, Mac(5), senderClock: true)); // engine 2 heard again: 3 and 4 are older
        Assert.Null(guard.Admit(Engine(5), 7, 1000, Mac(6), senderClock: true)); // evicts engine 3
        Assert.Equal(3, guard.Engines);
        Assert.NotNull(guard.Admit(Engine(2), 6, 1000, Mac(7), senderClock: true));
        Assert.NotNull(guard.Admit(Engine(4), 6, 1000, Mac(8), senderClock: true));
        Assert.Null(guard.Admit(Engine(3), 6, 1000, Mac(9), senderClock: true)); // forgotten, so learned anew

        for (int i = 100; i < 200; i++) guard.Admit(Engine(200), 7, i, Mac(i), senderClock: true);
        Assert.Equal((3, 10), (guard.Engines, guard.Digests));
        Assert.NotNull(guard.Admit(Engine(201), 7, 1, Mac(199), senderClock: true)); // the newest MACs are the ones kept
        _time.Advance(SnmpV3ReplayGuard.DigestRetention + TimeSpan.FromSeconds(1));
        Assert.Null(guard.Admit(Engine(201), 7, 1, Mac(199), senderClock: true));
        Assert.Equal(1, guard.Digests);
    }

    [Fact]
    public void The_default_table_holds_10000_engines()
    {
        var guard = new SnmpV3ReplayGuard(_time);
        var engine = new byte[8];
        var mac = new byte[12];
        for (int i = 0; i < 12_000; i++)
        {
            BitConverter.TryWriteBytes(engine, (long)i);
            BitConverter.TryWriteBytes(mac, i);
            Assert.Null(guard.Admit(engine, 1, 1, mac, senderClock: true));
        }
        Assert.Equal((10_000, 12_000), (guard.Engines, guard.Digests));
    }

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
