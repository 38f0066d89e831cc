using FsCheck.Xunit;
using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

/// <summary>
/// The trap port takes bytes from anyone: mutated traps and informs are decoded or refused, and what decodes is
/// normalised and answered, all without throwing. 100,000 mutations by default; <c>NETOPS_FUZZ_ITERATIONS</c> raises it.
/// </summary>
public sealed class SnmpTrapFuzzTests
{
    private static byte[][] Seeds() =>
    [
        SnmpTrapTests.Trap("1.3.6.1.6.3.1.1.5.3", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.1.2"), SnmpValue.Integer(2)),
            new VarBind(Oid.Parse("1.3.6.1.2.1.31.1.1.1.1.2"), SnmpValue.OctetString("Gi0/1"))),
        SnmpTrapTests.Trap("1.3.6.1.6.3.1.1.5.4", SnmpPduType.InformRequest,
            new VarBind(Oid.Parse("1.3.6.1.2.1.2.2.1.2.5"), SnmpValue.OctetString("GigabitEthernet0/4"))),
        SnmpTrapTests.Trap("1.3.6.1.2.1.15.0.2", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.2.1.15.3.1.14.192.0.2.9"), SnmpValue.OctetString([6, 2]))),
        SnmpTrapTests.Trap("1.3.6.1.2.1.68.0.1", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.2.1.68.1.3.1.7.1.1"), SnmpValue.Ip(System.Net.IPAddress.Parse("10.0.0.1")))),
        SnmpTrapTests.Trap("1.3.6.1.4.1.99999.0.7", SnmpPduType.TrapV2,
            new VarBind(Oid.Parse("1.3.6.1.4.1.99999.1.1.0"), SnmpValue.Counter64(ulong.MaxValue))),
    ];

    [Fact]
    public void Mutated_traps_are_decoded_or_refused_without_throwing()
    {
        var seeds = Seeds();
        var random = new Random(1162);
        var buffer = new byte[2048];
        int decoded = 0, refused = 0;
        for (int i = 0; i < SnmpMutator.Iterations; i++)
        {
            int length = SnmpMutator.Next(random, seeds, buffer);
            if (SnmpTrap.TryDecode(buffer.AsSpan(0, length), out var trap, out var error))
            {
                decoded++;
                var ev = SnmpTrapNormalizer.Normalize(trap!);
                Assert.False(string.IsNullOrEmpty(ev.Message));
                if (trap!.IsInform) Assert.True(SnmpCommunityMessage.TryParse(trap.EncodeInformResponse(), out _, out _));
            }
            else
            {
                refused++;
                Assert.NotEqual(SnmpParseError.None, error);
            }
        }
        Assert.True(decoded > 0 && refused > 0, $"decoded {decoded}, refused {refused}");
    }

    [Property(MaxTest = 20_000)]
    public void Random_bytes_never_throw(byte[] data)
    {
        if (SnmpTrap.TryDecode(data ?? [], out var trap, out _)) SnmpTrapNormalizer.Normalize(trap!);
    }
}
