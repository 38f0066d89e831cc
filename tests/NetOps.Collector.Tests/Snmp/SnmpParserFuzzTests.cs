using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

/// <summary>
/// The SNMP parser faces hostile bytes (any host can send to the trap port): it returns parsed or an error for
/// anything, and what it parsed encodes back to a message that parses the same. 100,000 mutated messages by default;
/// <c>NETOPS_FUZZ_ITERATIONS</c> raises it.
/// </summary>
public sealed class SnmpParserFuzzTests
{
    private static byte[][] Seeds()
    {
        var binds = new List<VarBind>
        {
            new(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(123_456)),
            new(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectId(Oid.Parse("1.3.6.1.6.3.1.1.5.3"))),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.1.2"), SnmpValue.Integer(2)),
            new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.6.2"), SnmpValue.Counter64(ulong.MaxValue - 7)),
            new(Oid.Parse("1.3.6.1.2.1.31.1.1.1.1.2"), SnmpValue.OctetString("Gi0/1")),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.10.2"), SnmpValue.Counter32(4_000_000_000)),
            new(Oid.Parse("1.3.6.1.2.1.4.20.1.1.10.0.0.1"), SnmpValue.Ip(System.Net.IPAddress.Parse("10.0.0.1"))),
            new(Oid.Parse("1.3.6.1.2.1.2.2.1.2.9"), new SnmpValue(SnmpType.EndOfMibView, 0, null, null)),
        };
        return Enum.GetValues<SnmpPduType>()
            .Select(t => new SnmpCommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), new SnmpPdu(t, 77, 0, 0, binds)).Encode())
            .ToArray();
    }

    [Fact]
    public void Mutated_messages_are_parsed_or_rejected_without_throwing()
    {
        var seeds = Seeds();
        var random = new Random(1157);
        var buffer = new byte[2048];
        int parsed = 0;
        for (int i = 0; i < SnmpMutator.Iterations; i++)
        {
            int length = SnmpMutator.Next(random, seeds, buffer);
            if (SnmpCommunityMessage.TryParse(buffer.AsSpan(0, length), out var message, out var error))
            {
                parsed++;
                Assert.Equal(SnmpParseError.None, error);
                AssertReEncodes(message!);
            }
            else Assert.NotEqual(SnmpParseError.None, error);
        }
        Assert.True(parsed > 0);
    }

    [Property(MaxTest = 20_000)]
    public void Random_bytes_never_throw(byte[] data)
    {
        SnmpCommunityMessage.TryParse(data ?? [], out _, out _);
        var reader = new BerReader(data ?? []);
        while (reader.TryReadValue(out _)) { }
    }

    [Property(MaxTest = 5_000)]
    public Property Any_oid_round_trips()
        => Prop.ForAll(Gen.Choose(2, 40).SelectMany(len => Gen.ArrayOf(Gen.Choose(0, int.MaxValue).Select(x => (uint)x * 2 + 1), len)).ToArbitrary(),
            parts =>
            {
                parts[0] %= 3;
                if (parts[0] < 2) parts[1] %= 40;
                else parts[1] = Math.Min(parts[1], uint.MaxValue - 80);
                var oid = new Oid(parts);
                var writer = new BerWriter();
                writer.WriteOid(oid);
                var reader = new BerReader(writer.Written);
                return reader.TryReadOid(out var back) && back == oid;
            });

    private static void AssertReEncodes(SnmpCommunityMessage message)
    {
        Assert.True(SnmpCommunityMessage.TryParse(message.Encode(), out var again, out _));
        Assert.Equal(message.Pdu.VarBinds.Count, again!.Pdu.VarBinds.Count);
        for (int i = 0; i < message.Pdu.VarBinds.Count; i++)
        {
            Assert.Equal(message.Pdu.VarBinds[i].Oid, again.Pdu.VarBinds[i].Oid);
            Assert.Equal(message.Pdu.VarBinds[i].Value.Type, again.Pdu.VarBinds[i].Value.Type);
            Assert.Equal(message.Pdu.VarBinds[i].Value.Number, again.Pdu.VarBinds[i].Value.Number);
        }
    }
}
