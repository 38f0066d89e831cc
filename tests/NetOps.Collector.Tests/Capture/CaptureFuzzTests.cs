using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Capture;
using NetOps.Collector.Enrichment;
using NetOps.Core.Metrics;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Capture;

/// <summary>Hostile bytes: mutated frames and truncated files never throw, and every packet is counted once.</summary>
public sealed class CaptureFuzzTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("NETOPS_FUZZ_ITERATIONS"), out var n) && n > 0 ? Math.Max(n, 100_000) : 100_000;

    private static readonly string[] Seeds =
    [
        "vrrp/vrrp.pcap", "vrrp/vrrp3-ipv6-vlan.pcapng", "bgp/bgp-4byte-asn.pcap", "bgp/bgp-cease-hard-reset.pcap",
        "bgp/bgp-role.pcapng", "ospf/OSPFv2_Capture_FINAL.pcapng", "ospf/ospfv2.pcap", "general/many-protocols.pcap",
        "syslog/syslog-mixed-devices.pcap", "tcp/tcp-handshake-nano.pcap", "hsrp/HSRP_coup.pcap", "hsrp/hsrp2-ipv6-vlan.pcapng",
    ];

    private static async Task<List<(int LinkType, byte[] Frame)>> SeedFramesAsync()
    {
        var frames = new List<(int, byte[])>();
        foreach (var file in Seeds)
        {
            using var reader = await CaptureFileReader.OpenAsync(CaptureRun.Pcap(file), Ct);
            while (await reader.MoveNextAsync(Ct) && frames.Count < 20_000) frames.Add((reader.LinkType, reader.Data.ToArray()));
        }
        return frames;
    }

    [Fact]
    public async Task Mutated_frames_from_real_captures_never_throw_and_are_all_counted()
    {
        var seeds = await SeedFramesAsync();
        var pipeline = new CapturePipeline("000000", "fuzz", 10, new SiteResolver(CaptureRun.Inventory()), new CaptureMetrics(new NetOpsMetrics()), NullLogger.Instance);
        var random = new Random(4242);
        var buffer = new byte[2048];
        int n = Iterations;
        long ts = CaptureRun.Ns("2024-01-01 00:00:00");
        for (int i = 0; i < n; i++)
        {
            var (linkType, frame) = seeds[random.Next(seeds.Count)];
            int length = Math.Min(frame.Length, buffer.Length);
            frame.AsSpan(0, length).CopyTo(buffer);
            switch (random.Next(4))
            {
                case 0: // flip a few bytes, biased to the headers
                    for (int k = random.Next(1, 6); k > 0; k--) buffer[random.Next(Math.Min(length, 96) is var h && h > 0 ? h : 1)] = (byte)random.Next(256);
                    break;
                case 1: // cut anywhere
                    length = random.Next(length + 1);
                    break;
                case 2: // both
                    for (int k = random.Next(1, 4); k > 0; k--) buffer[random.Next(Math.Max(1, length))] ^= (byte)(1 << random.Next(8));
                    length = random.Next(length + 1);
                    break;
                default: // random bytes behind a real link header
                    random.NextBytes(buffer.AsSpan(Math.Min(14, length), length - Math.Min(14, length)));
                    break;
            }
            // Time jumps now and then, so silence checks and window flushes run on fuzzed state too.
            ts += random.Next(10) == 0 ? 60_000_000_000L : 1_000_000;
            pipeline.Process(ts, random.Next(50) == 0 ? random.Next(300) : linkType, buffer.AsSpan(0, length), random.Next(3) == 0 ? random.Next(70_000) : length);
            pipeline.Pending.Clear();
        }
        pipeline.Finish();
        Assert.Equal(n, pipeline.Counts.Packets);
        Assert.Equal(n, pipeline.Counts.ByOutcome.Sum());
        Assert.True(pipeline.Counts[PacketOutcome.Truncated] > 0);
        Assert.True(pipeline.Counts[PacketOutcome.Malformed] > 0);
    }

    [Property(MaxTest = 5_000)]
    public void Any_bytes_on_any_link_type_are_dissected_without_throwing(byte[] data, byte linkType)
    {
        var outcome = PacketDissector.Dissect(data, linkType, out var info);
        if (outcome == PacketOutcome.Dissected && info.IpVersion != 0)
        {
            Assert.InRange(info.PayloadOffset + info.PayloadLength, 0, data.Length);
            Assert.InRange(info.SourceOffset + info.AddressLength, 0, data.Length);
        }
    }

    [Property(MaxTest = 5_000)]
    public void Any_bytes_are_rejected_or_parsed_by_the_control_plane_parsers(byte[] data)
    {
        VrrpParser.TryParse(data, 4, out _);
        VrrpParser.TryParse(data, 16, out _);
        OspfParser.TryParseHello(data, out _, out _);
        BgpParser.TryParse(data, out _, out int consumed);
        Assert.InRange(consumed, 0, data.Length);
    }

    [Property(MaxTest = 2_000)]
    public Property Bgp_messages_behind_a_marker_never_throw(byte[] body, byte type)
    {
        var message = new byte[19 + body.Length];
        message.AsSpan(0, 16).Fill(0xFF);
        message[16] = (byte)(message.Length >> 8);
        message[17] = (byte)message.Length;
        message[18] = (byte)(type % 6);
        body.CopyTo(message, 19);
        bool ok = BgpParser.TryParse(message, out _, out int consumed);
        return (!ok || consumed <= message.Length).ToProperty();
    }

    [Theory]
    [InlineData("vrrp/vrrp.pcap")]
    [InlineData("vrrp/vrrp3-ipv6-vlan.pcapng")]
    [InlineData("bgp/bgp-role.pcapng")]
    public async Task A_file_cut_at_any_byte_reads_what_is_whole_and_reports_the_rest(string file)
    {
        var bytes = await File.ReadAllBytesAsync(CaptureRun.Pcap(file), Ct);
        long whole = 0;
        using (var full = await CaptureFileReader.OpenAsync(new MemoryStream(bytes), true, Ct))
            while (await full.MoveNextAsync(Ct)) whole++;
        for (int cut = 0; cut <= bytes.Length; cut += cut < 200 ? 1 : 7)
        {
            CaptureFileReader reader;
            try
            {
                reader = await CaptureFileReader.OpenAsync(new MemoryStream(bytes, 0, cut), true, Ct, bufferSize: 4096);
            }
            catch (InvalidDataException)
            {
                Assert.True(cut < 40, $"a {cut}-byte prefix was refused as not a capture");
                continue;
            }
            using (reader)
            {
                long records = 0;
                while (await reader.MoveNextAsync(Ct)) records++;
                Assert.InRange(records, 0, whole);
                // A cut between two records is a clean end; anywhere else it is reported as damage.
                if (reader.Damage is null && reader.Position != cut)
                    Assert.Fail($"cut at {cut}: {records} of {whole} records, {reader.Position} bytes consumed and no damage reported");
            }
        }
    }

    [Fact]
    public async Task A_record_claiming_an_impossible_length_is_damage_not_an_exception()
    {
        var bytes = await File.ReadAllBytesAsync(CaptureRun.Pcap("vrrp/vrrp.pcap"), Ct);
        // First record header at 24: captured length at 24 + 8.
        BitConverter.GetBytes(0x7FFF_FFF0u).CopyTo(bytes, 32);
        using var reader = await CaptureFileReader.OpenAsync(new MemoryStream(bytes), true, Ct);
        Assert.False(await reader.MoveNextAsync(Ct));
        Assert.Contains("captured bytes", reader.Damage);
    }

    [Fact]
    public async Task A_file_that_is_not_a_capture_is_refused_on_open()
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () =>
            await CaptureFileReader.OpenAsync(new MemoryStream("this is not a capture file at all"u8.ToArray()), true, Ct));
        Assert.Contains("not a pcap or pcapng file", e.Message);
    }
}
