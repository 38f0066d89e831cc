using System.Diagnostics;
using NetOps.Collector.Capture;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Capture;

/// <summary>The <c>packets</c> measurement against INDEX.md's counts and against tcpdump reading the same file.</summary>
public sealed class PacketCountTests
{
    [Theory]
    [InlineData("general/web-browsing-2013.pcap", 4631, 65, 65, 3)]
    [InlineData("general/many-protocols.pcap", 4709, 124, 128, 12)]
    [InlineData("attack/syn-flood-spoofed-sources.pcap", 37841, 37841, 0, 0)]
    [InlineData("attack/syn-flood-ecn-cwr.pcap", 9878, 9639, 0, 239)]
    [InlineData("attack/nmap-syn-scan-1000-ports.pcap", 2011, 1994, 12, 5)]
    [InlineData("attack/masscan-syn-scan-ports-0-1000.pcap", 1005, 1001, 0, 4)]
    public async Task Packet_and_flag_counts_equal_the_index(string file, long packets, long syn, long synAck, long rst)
    {
        var run = await CaptureRun.FileAsync(file);
        Assert.Equal(packets, run.Counts.Packets);
        Assert.Equal(packets, run.Sum("packets"));
        Assert.Equal(syn, run.Sum("syn"));
        Assert.Equal(synAck, run.Sum("synack"));
        Assert.Equal(rst, run.Sum("rst"));
        Assert.Equal(run.Counts.Bytes, run.Sum("bytes"));
        Assert.Equal(0, run.Counts[PacketOutcome.Malformed]);
        Assert.Null(run.Damage);
    }

    [Theory]
    [InlineData("general/web-browsing-2013.pcap")]
    [InlineData("general/many-protocols.pcap")]
    [InlineData("syslog/syslog-mixed-devices.pcap")]
    [InlineData("tcp/tcp-handshake-nano.pcap")]
    public async Task Packets_equal_what_tcpdump_reads_and_bytes_what_tshark_sums(string file)
    {
        var run = await CaptureRun.FileAsync(file);
        var (packets, bytes) = await TcpdumpTotalsAsync(CaptureRun.Pcap(file));
        Assert.Equal(packets, run.Counts.Packets);
        Assert.Equal(bytes, run.Sum("bytes"));
    }

    [Fact]
    public async Task Web_browsing_splits_into_tcp_and_udp_with_dns()
    {
        var run = await CaptureRun.FileAsync("general/web-browsing-2013.pcap");
        Assert.Equal(run.Counts.Packets, run.Sum("packets", "tcp") + run.Sum("packets", "udp") + run.Sum("packets", "other") + run.Sum("packets", "icmp"));
        Assert.True(run.Sum("packets", "udp") >= 139); // 138 DNS packets and 1 RIP
        Assert.All(run.PacketPoints, p => Assert.Contains(p.GetTag("proto"), new[] { "tcp", "udp", "icmp", "icmpv6", "vrrp", "ospf", "gre", "esp", "other" }));
        Assert.All(run.PacketPoints, p => Assert.Equal(0, p.TimestampNs % 10_000_000_000L));
    }

    [Fact]
    public async Task Vlan_and_qinq_frames_are_dissected()
    {
        var run = await CaptureRun.FileAsync("general/many-protocols.pcap");
        // Frames 1–26 are 802.1Q/QinQ pings and CDP: the pings must come out as icmp.
        Assert.True(run.Sum("packets", "icmp") > 0);
    }

    [Fact]
    public async Task Nanosecond_pcap_keeps_nanoseconds()
    {
        var run = await CaptureRun.FileAsync("tcp/tcp-handshake-nano.pcap", aggregationSeconds: 1);
        Assert.Equal(CaptureRun.Ns("2014-12-09 17:16:09") + 924_505_488, run.Counts.FirstTimestampNs);
        Assert.Equal(1, run.Sum("syn"));
        Assert.Equal(1, run.Sum("synack"));
    }

    /// <summary>Packets as tcpdump counts them (one line per packet, starting with its time) and bytes as tshark sums <c>frame.len</c>.</summary>
    /// <remarks>tcpdump -e is no source for bytes: for 802.3 frames it prints the 802.3 length field, not the frame's.</remarks>
    internal static async Task<(long Packets, long Bytes)> TcpdumpTotalsAsync(string path)
    {
        long packets = 0, bytes = 0;
        foreach (var line in await RunAsync("tcpdump", ["-n", "-q", "-r", path]))
            if (line.Length >= 8 && char.IsAsciiDigit(line[0]) && line[2] == ':') packets++;
        foreach (var line in await RunAsync("tshark", ["-r", path, "-T", "fields", "-e", "frame.len"]))
            if (long.TryParse(line, System.Globalization.CultureInfo.InvariantCulture, out var n)) bytes += n;
        return (packets, bytes);
    }

    private static async Task<List<string>> RunAsync(string tool, string[] args)
    {
        var binary = new[] { "/usr/bin/", "/usr/sbin/" }.Select(d => d + tool).FirstOrDefault(File.Exists)
                     ?? throw new InvalidOperationException($"{tool} is not installed; `./netops test` installs it (Debian package {tool})");
        var psi = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (await p.StandardOutput.ReadLineAsync() is { } line) lines.Add(line);
        await p.WaitForExitAsync();
        await stderr;
        return lines;
    }
}
