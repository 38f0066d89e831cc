using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Collector.Capture;
using NetOps.Collector.Enrichment;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Bench.Capture;

/// <summary>
/// <c>bench pcap [--source FILE] [--packets N] [--runs R]</c>: builds a pcap of at least N packets (default 1 M) by
/// repeating a shared capture (into a temporary directory, deleted afterwards), then measures packets/s side by side
/// in one run: NetOps' read + dissect + aggregate + control-plane pipeline (in-process, points discarded), the copy
/// limit <c>tcpdump -r FILE -w /dev/null</c>, <c>tcpdump -nr FILE &gt; /dev/null</c> and <c>tshark -r FILE &gt; /dev/null</c>.
/// </summary>
public static class PcapBenchHarness
{
    private const string Usage = "usage: bench pcap [--source FILE] [--packets N] [--runs R] [--keep]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? source = null;
        long target = 1_000_000;
        int runs = 3;
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--source" when i + 1 < args.Length: source = args[++i]; break;
                case "--packets" when i + 1 < args.Length && long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0: target = n; i++; break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0: runs = r; i++; break;
                case "--keep": keep = true; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: Console.Error.WriteLine($"bench pcap: unexpected '{args[i]}'\n{Usage}"); return 2;
            }
        }
        source ??= FindShared("pcap/general/web-browsing-2013.pcap");
        if (source is null || !File.Exists(source))
        {
            Console.Error.WriteLine("bench pcap: source capture not found; pass --source FILE or set NETOPS_SHARED_DATA");
            return 2;
        }
        foreach (var tool in new[] { "tcpdump", "tshark" })
            if (Which(tool) is null) { Console.Error.WriteLine($"bench pcap: {tool} is not installed (./netops ensure_deps bench)"); return 2; }

        var dir = Directory.CreateTempSubdirectory("netops-bench-pcap-").FullName;
        try
        {
            var file = Path.Combine(dir, "big.pcap");
            var (packets, bytes) = await BuildAsync(source, file, target);
            Console.Error.WriteLine($"bench pcap: {file}: {packets:N0} packets, {new FileInfo(file).Length / 1e6:0.0} MB (from {Path.GetFileName(source)} repeated)");

            var results = new List<(string Name, double Seconds, string Note)>();
            // NetOps: one warm-up (JIT, page cache), then the best of the runs.
            var warm = await NetOpsOnceAsync(file);
            if (warm.Packets != packets) { Console.Error.WriteLine($"bench pcap: NetOps read {warm.Packets} of {packets} packets"); return 1; }
            double best = double.MaxValue;
            long allocated = 0;
            for (int r = 0; r < runs; r++)
            {
                var run = await NetOpsOnceAsync(file);
                if (run.Seconds < best) { best = run.Seconds; allocated = run.Allocated; }
            }
            results.Add(("NetOps read+dissect+aggregate", best, $"{allocated / (double)packets:0.0} B allocated/packet"));
            results.Add(("tcpdump -r FILE -w /dev/null", await BestAsync($"tcpdump -r '{file}' -w /dev/null", runs), "copy limit"));
            results.Add(("tcpdump -nr FILE > /dev/null", await BestAsync($"tcpdump -nr '{file}' > /dev/null", runs), ""));
            results.Add(("tshark -r FILE > /dev/null", await BestAsync($"tshark -r '{file}' > /dev/null", 1), "one run"));

            Console.WriteLine(Render(results, packets, bytes));
            double netops = packets / best;
            double copy = packets / results[1].Seconds, tshark = packets / results[3].Seconds;
            bool ok = netops >= 0.3 * copy && netops >= 10 * tshark;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"targets: >= 0.3x copy limit: {(netops >= 0.3 * copy ? "yes" : "NO")} ({netops / copy:0.00}x); >= 10x tshark: {(netops >= 10 * tshark ? "yes" : "NO")} ({netops / tshark:0.0}x)"));
            return ok ? 0 : 1;
        }
        finally
        {
            if (!keep) Directory.Delete(dir, true);
        }
    }

    private static async Task<(long Packets, double Seconds, long Allocated)> NetOpsOnceAsync(string file)
    {
        var pipeline = new CapturePipeline("000000", "bench", 10, new SiteResolver(DemoInventory.Generate()),
            new CaptureMetrics(new NetOpsMetrics()), NullLogger.Instance);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        using (var reader = await CaptureFileReader.OpenAsync(file))
        {
            while (await reader.MoveNextAsync())
            {
                pipeline.Process(reader.TimestampNs, reader.LinkType, reader.Data, reader.OriginalLength);
                if (pipeline.Pending.Count > 0) pipeline.Pending.Clear(); // points discarded: InfluxDB is not what is measured
            }
            pipeline.Finish();
        }
        sw.Stop();
        return (pipeline.Counts.Packets, sw.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private static async Task<double> BestAsync(string shellCommand, int runs)
    {
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(shellCommand);
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            sw.Stop();
            await err;
            if (p.ExitCode != 0) throw new InvalidOperationException($"`{shellCommand}` exited {p.ExitCode}: {await err}");
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>Writes a microsecond pcap repeating <paramref name="source"/>'s packets, each copy shifted after the previous one in time.</summary>
    private static async Task<(long Packets, long Bytes)> BuildAsync(string source, string path, long target)
    {
        var records = new List<(long Ts, int Original, byte[] Data)>();
        int linkType;
        using (var reader = await CaptureFileReader.OpenAsync(source))
        {
            linkType = LinkTypes.Ethernet;
            while (await reader.MoveNextAsync())
            {
                linkType = reader.LinkType;
                records.Add((reader.TimestampNs, reader.OriginalLength, reader.Data.ToArray()));
            }
        }
        if (records.Count == 0) throw new InvalidOperationException($"{source} has no packets");
        // Each copy follows the previous one; a capture spanning years (many-protocols) is shifted by a day so times stay in range.
        long span = Math.Min(records[^1].Ts - records[0].Ts + 1_000_000_000L, 86_400_000_000_000L);
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var header = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), 262_144);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)linkType);
        output.Write(header);
        long packets = 0, bytes = 0;
        var recordHeader = new byte[16];
        for (int copy = 0; packets < target; copy++)
        {
            foreach (var (ts, original, data) in records)
            {
                long t = ts + copy * span;
                BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, (uint)(t / 1_000_000_000L));
                BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(4), (uint)(t % 1_000_000_000L / 1000));
                BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(8), (uint)data.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(recordHeader.AsSpan(12), (uint)original);
                output.Write(recordHeader);
                output.Write(data);
                packets++;
                bytes += original;
            }
        }
        return (packets, bytes);
    }

    private static string Render(List<(string Name, double Seconds, string Note)> results, long packets, long bytes)
    {
        var inv = CultureInfo.InvariantCulture;
        double netops = packets / results[0].Seconds;
        var rows = new List<string[]> { new[] { "reader", "seconds", "packets/s", "MB/s (wire)", "NetOps / this", "note" } };
        foreach (var (name, seconds, note) in results)
        {
            double rate = packets / seconds;
            rows.Add([name, seconds.ToString("0.000", inv), rate.ToString("N0", inv), (bytes / seconds / 1e6).ToString("0", inv),
                (netops / rate).ToString("0.00", inv) + "x", note]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"pcap read benchmark: {packets:N0} packets, {bytes / 1e6:0.0} MB on the wire, {Environment.ProcessorCount} CPUs");
        foreach (var r in rows)
            sb.AppendLine(string.Join("  ", r.Select((cell, c) => c is 0 or 5 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return sb.ToString();
    }

    private static string? FindShared(string relative)
    {
        var env = Environment.GetEnvironmentVariable("NETOPS_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, relative))) return Path.Combine(env, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "data", relative);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    private static string? Which(string tool) => new[] { "/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/" }.Select(d => d + tool).FirstOrDefault(File.Exists);
}
