using System.Buffers.Binary;
using System.Net;
using FsCheck.Xunit;
using NetOps.Collector.Flows;
using NetOps.Collector.Flows.Decoding;
using NetOps.Testing;
using static NetOps.Testing.FlowPackets;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>
/// Mutated real export datagrams and templates (bit flips, truncation, length and count edits, spliced sets) and random
/// bytes: nothing throws and every datagram is counted. <c>NETOPS_FUZZ_ITERATIONS</c> raises the default 100,000.
/// </summary>
public sealed class FlowDecoderFuzzTests
{
    private static readonly FlowExportKind?[] Kinds = [FlowExportKind.NetFlowV5, FlowExportKind.NetFlowV9, FlowExportKind.Ipfix, null];

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("NETOPS_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : 100_000;

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        foreach (var file in Directory.GetFiles(SharedData.Path("pcap/flow"), "*.pcap"))
            seeds.AddRange(PcapUdpReader.Read(file).Select(d => d.Payload));
        var varTemplate = Set(2, Cat(U16(300), U16(4), U16(8), U16(4), U16(82), U16(0xFFFF), U16(0x8000 | 1), U16(0xFFFF), U32(9), U16(1), U16(4)));
        seeds.Add(Ipfix(1, 0, varTemplate, Set(300, Ip("10.0.0.1"), U8(2), U8(1), U8(1), U8(255), U16(3), U8(1), U8(2), U8(3), U32(5))));
        seeds.Add(Ipfix(2, 0, Set(3, U16(301), U16(2), U16(1), U16(149), U16(4), U16(160), U16(8)), Set(301, U32(1), U64(1_600_000_000_000))));
        seeds.Add(V5(1, 30));
        seeds.Add(V9(1, 0, Set(0, Template(256, SimpleFields)), Set(256, SimpleRecord("10.0.0.1", "10.0.0.2", 1, 2, 6, 1, 40))));
        return seeds;
    }

    private static byte[] Mutate(byte[] seed, Random rng, List<byte[]> seeds)
    {
        var b = (byte[])seed.Clone();
        switch (rng.Next(7))
        {
            case 0: // bit flips
                for (int i = rng.Next(1, 9); i > 0 && b.Length > 0; i--) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
                return b;
            case 1: // truncation
                return b[..rng.Next(b.Length + 1)];
            case 2: // a 16-bit length/count/id field anywhere set to an edge value
                if (b.Length >= 2)
                {
                    int at = rng.Next(b.Length - 1);
                    ushort[] edges = [0, 1, 2, 3, 4, 5, 255, 256, 0x7FFF, 0x8000, 0xFFFF, (ushort)rng.Next(65536)];
                    BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), edges[rng.Next(edges.Length)]);
                }
                return b;
            case 3: // the header's count/length field (offset 2) or a set length just after the header
                if (b.Length >= 24)
                {
                    int at = rng.Next(2) == 0 ? 2 : (b[1] == 10 ? 18 : 22);
                    BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), (ushort)rng.Next(65536));
                }
                return b;
            case 4: // random bytes spliced in
                {
                    int at = rng.Next(b.Length + 1);
                    var extra = new byte[rng.Next(1, 40)];
                    rng.NextBytes(extra);
                    return [.. b[..at], .. extra, .. b[at..]];
                }
            case 5: // the tail of another datagram after this one's header (mixed sets, foreign templates)
                {
                    var other = seeds[rng.Next(seeds.Count)];
                    int cut = Math.Min(b.Length, 16 + rng.Next(8));
                    return [.. b[..cut], .. other[Math.Min(other.Length, cut)..]];
                }
            default: // pure noise with a valid version
                {
                    var noise = new byte[rng.Next(0, 1500)];
                    rng.NextBytes(noise);
                    if (noise.Length >= 2) noise[1] = (byte)(rng.Next(3) switch { 0 => 5, 1 => 9, _ => 10 });
                    if (noise.Length >= 1) noise[0] = 0;
                    return noise;
                }
        }
    }

    [Fact]
    public void Mutated_export_datagrams_never_throw_and_every_one_is_counted()
    {
        var t = new TestDecoder(new FlowDecoderOptions { MaxTemplates = 2000, MaxTemplatesPerExporter = 500 });
        var sink = new NullSink();
        var seeds = Seeds();
        var rng = new Random(20250615);
        var exporters = Enumerable.Range(1, 4).Select(i => IPAddress.Parse($"192.0.2.{i}")).ToArray();
        int iterations = Iterations;
        for (int i = 0; i < iterations; i++)
        {
            // now and then an unmutated seed, so that templates are known and data sets get decoded
            var input = rng.Next(8) == 0 ? seeds[rng.Next(seeds.Count)] : Mutate(seeds[rng.Next(seeds.Count)], rng, seeds);
            t.Time.Advance(TimeSpan.FromMilliseconds(rng.Next(0, 50)));
            var r = t.Decoder.Decode(input, exporters[rng.Next(exporters.Length)], t.NowNs, sink);
            Assert.True(r.RecordsEmitted >= 0 && r.SetsHeld >= 0 && r.SetsSkipped >= 0);
        }

        double received = 0, outcomes = 0;
        foreach (var k in Kinds)
        {
            received += t.Metrics.PacketCount(k, FlowPacketOutcome.Received);
            foreach (var o in new[] { FlowPacketOutcome.Decoded, FlowPacketOutcome.Malformed, FlowPacketOutcome.UnknownVersion, FlowPacketOutcome.Rejected })
                outcomes += t.Metrics.PacketCount(k, o);
        }
        Assert.Equal(iterations, received);
        Assert.Equal(received, outcomes);
        Assert.True(sink.Records > 0);
        Assert.True(t.Decoder.TemplateCount <= 2000);

        // held sets and templates are released or expire: nothing leaks
        t.Time.Advance(TimeSpan.FromHours(1));
        t.Decoder.ExpireHeld();
        Assert.Equal(0, t.Decoder.HeldSetCount);
        Assert.Equal(0, t.Decoder.TemplateCount);
    }

    [Property(MaxTest = 10_000)]
    public void Any_bytes_are_decoded_or_rejected_without_throwing(byte[] data)
    {
        var t = new TestDecoder();
        t.Decoder.Decode(data, IPAddress.Loopback, 0, new NullSink());
        if (data.Length >= 2)
        {
            // the same bytes under each version, so the property reaches past the version check
            foreach (byte v in new byte[] { 5, 9, 10 })
            {
                var copy = (byte[])data.Clone();
                copy[0] = 0;
                copy[1] = v;
                t.Decoder.Decode(copy, IPAddress.Loopback, 0, new NullSink());
            }
        }
    }
}
