using FsCheck.Xunit;
using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

/// <summary>
/// The v3 parser and USM's opening of a message face hostile bytes (the trap port, a spoofed answer): 100,000 mutated
/// v3 messages (discovery, authNoPriv, authPriv, Reports) are parsed and opened or refused, never thrown; what parses
/// encodes back to a message that parses the same. <c>NETOPS_FUZZ_ITERATIONS</c> raises the count.
/// </summary>
public sealed class SnmpV3FuzzTests
{
    private static readonly UsmUser Sha1Aes = UsmTests.User();
    private static readonly UsmUser Sha256 = UsmTests.User(UsmAuthProtocol.Sha256, UsmPrivProtocol.None);

    private static byte[][] Seeds() =>
    [
        UsmSecurity.Seal(new ScopedPdu([], [], new SnmpPdu(SnmpPduType.GetRequest, 5, 0, 0, [])), 77, SnmpV3Flags.Reportable, null, null, [], 0, 0, 0),
        UsmTests.Sealed(Sha1Aes),
        UsmTests.Sealed(Sha1Aes, SnmpPduType.InformRequest),
        UsmTests.Sealed(Sha256, SnmpPduType.TrapV2),
        UsmTests.Sealed(Sha256, SnmpPduType.Response),
        UsmSecurity.Seal(new ScopedPdu([0x80, 0, 0, 0x1f, 0x88, 1, 2, 3, 4], [], new SnmpPdu(SnmpPduType.Report, 5, 0, 0,
            [new VarBind(UsmSecurity.StatsOid(UsmStatus.UnknownEngineId), SnmpValue.Counter32(12))])), 78, SnmpV3Flags.None, null, null, [0x80, 0, 0, 0x1f, 0x88, 1, 2, 3, 4], 3, 999, 0),
    ];

    [Fact]
    public void Mutated_v3_messages_are_parsed_and_opened_or_refused_without_throwing()
    {
        var seeds = Seeds();
        var random = new Random(3414);
        var buffer = new byte[2048];
        int parsed = 0, opened = 0;
        for (int i = 0; i < SnmpMutator.Iterations; i++)
        {
            int length = SnmpMutator.Next(random, seeds, buffer);
            var datagram = buffer.AsSpan(0, length);
            if (!SnmpV3Message.TryParse(datagram, out var message, out var error))
            {
                Assert.NotEqual(SnmpParseError.None, error);
                continue;
            }
            parsed++;
            foreach (var user in new[] { Sha1Aes, Sha256 })
                if (UsmSecurity.Open(datagram, message!, user, user.KeysFor(message!.Security.EngineId), out var scoped) == UsmStatus.Ok)
                {
                    opened++;
                    Assert.NotNull(scoped);
                }
            var again = message!.Encode(out int mac);
            Assert.True(SnmpV3Message.TryParse(again, out var back, out _));
            Assert.Equal(message.MessageId, back!.MessageId);
            Assert.Equal(message.Security.UserName, back.Security.UserName);
            Assert.Equal(message.MacOffset >= 0 ? mac : -1, back.MacOffset);
        }
        Assert.True(parsed > SnmpMutator.Iterations / 50, $"{parsed} parsed");
        Assert.True(opened > 0, "some mutations leave the authenticated part alone");
    }

    [Property(MaxTest = 20_000)]
    public void Random_bytes_never_throw(byte[] data)
    {
        if (SnmpV3Message.TryParse(data ?? [], out var message, out _))
            UsmSecurity.Open(data, message!, Sha1Aes, Sha1Aes.KeysFor(message!.Security.EngineId), out _);
    }
}
