using System.Globalization;
using System.Text;

namespace NetOps.Bench.Ingest;

/// <summary>Prints the runs side by side, with the ratios and the targets NetOps must meet.</summary>
public static class ResultTable
{
    /// <summary>NetOps' resident memory must stay under this at every rate.</summary>
    public const long MemoryTargetBytes = 500L * 1024 * 1024;

    public static string Render(IReadOnlyList<RateResult> results)
    {
        var sb = new StringBuilder();
        string[] head = ["target/s", "sent/s rsyslog", "sent/s NetOps", "rsyslog stored", "NetOps stored", "NetOps/rsyslog",
            "rsyslog RSS MB", "NetOps RSS MB", "CPU s rsys/NetOps", "loss <= rsyslog", "RSS < 500 MB"];
        var rows = new List<string[]> { head };
        foreach (var r in results)
        {
            var rs = r.Rsyslog;
            var no = r.NetOps;
            rows.Add(
            [
                Number(r.TargetRate),
                rs is null ? "-" : Rate(rs.Blast),
                no is null ? "-" : Rate(no.Blast),
                rs is null ? Note(r.RsyslogNote) : Percent(rs.StoredShare),
                no is null ? Note(r.NetOpsNote) : Percent(no.StoredShare),
                rs is null || no is null || rs.StoredShare == 0 ? "-" : Ratio(no.StoredShare / rs.StoredShare),
                rs is null ? "-" : Megabytes(rs.Usage.PeakRssBytes),
                no is null ? "-" : Megabytes(no.Usage.PeakRssBytes),
                rs is null || no is null ? "-" : $"{Seconds(rs.Usage.CpuTime)} / {Seconds(no.Usage.CpuTime)}",
                rs is null || no is null ? "-" : no.StoredShare >= rs.StoredShare ? "yes" : "NO",
                no is null ? "-" : no.Usage.PeakRssBytes < MemoryTargetBytes ? "yes" : "NO",
            ]);
        }
        AppendColumns(sb, rows);

        sb.AppendLine();
        sb.AppendLine("Details (per rate): kernel UDP buffer drops during the run (RcvbufErrors), NetOps' own counters, max sampled RSS");
        var details = new List<string[]>
        {
            new[] { "target/s", "rsyslog sent", "rsyslog stored", "kernel drops", "NetOps sent", "NetOps received", "NetOps dropped",
                "NetOps stored", "kernel drops", "NetOps RSS max/HWM MB", "RSS NetOps/rsyslog", "CPU NetOps/rsyslog" },
        };
        foreach (var r in results)
        {
            var rs = r.Rsyslog;
            var no = r.NetOps;
            details.Add(
            [
                Number(r.TargetRate),
                rs is null ? "-" : Number(rs.Blast.Sent),
                rs is null ? "-" : Number(rs.Stored),
                rs is null ? "-" : Number(rs.KernelDrops),
                no is null ? "-" : Number(no.Blast.Sent),
                no?.Counters is null ? "-" : Number(no.Counters.Received),
                no?.Counters is null ? "-" : Number(no.Counters.Dropped),
                no is null ? "-" : Number(no.Stored),
                no is null ? "-" : Number(no.KernelDrops),
                no is null ? "-" : $"{Megabytes(no.Usage.MaxSampledRssBytes)} / {Megabytes(no.Usage.PeakRssBytes)}",
                rs is null || no is null || rs.Usage.PeakRssBytes <= 0 ? "-" : Ratio((double)no.Usage.PeakRssBytes / rs.Usage.PeakRssBytes),
                rs is null || no is null || rs.Usage.CpuTime <= TimeSpan.Zero ? "-" : Ratio(no.Usage.CpuTime / rs.Usage.CpuTime),
            ]);
        }
        AppendColumns(sb, details);

        foreach (var r in results)
        {
            foreach (var (name, run) in (ReadOnlySpan<(string, PeerRun?)>)[("rsyslog", r.Rsyslog), ("NetOps", r.NetOps)])
                if (run is not null && !run.Blast.ReachedTarget)
                    sb.AppendLine(CultureInfo.InvariantCulture,
                        $"note: at {Number(r.TargetRate)}/s the sender reached only {Rate(run.Blast)}/s for {name} ({run.Blast.AchievedRate / r.TargetRate:P0}): one sending thread could not hold the rate on this machine (CPU or scheduling).");
            if (r.RsyslogNote is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"rsyslog at {Number(r.TargetRate)}/s: {r.RsyslogNote}");
            if (r.NetOpsNote is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"NetOps at {Number(r.TargetRate)}/s: {r.NetOpsNote}");
        }
        return sb.ToString();
    }

    private static void AppendColumns(StringBuilder sb, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append("| ");
            for (var i = 0; i < rows[r].Length; i++)
            {
                // first column left, figures right, so digits line up
                sb.Append(i == 0 ? rows[r][i].PadRight(widths[i]) : rows[r][i].PadLeft(widths[i])).Append(" | ");
            }
            sb.Length -= 1;
            sb.AppendLine();
            if (r == 0)
            {
                sb.Append('|');
                foreach (var w in widths) sb.Append(new string('-', w + 2)).Append('|');
                sb.AppendLine();
            }
        }
    }

    private static string Note(string? note) => note is null ? "-" : "n/a";
    private static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private static string Rate(BlastResult b) => Number((long)Math.Round(b.AchievedRate));
    private static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";
    private static string Ratio(double r) => r.ToString("0.000", CultureInfo.InvariantCulture) + "x";
    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
