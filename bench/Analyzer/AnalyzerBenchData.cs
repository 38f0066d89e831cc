using System.Globalization;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Bench.Analyzer;

/// <summary>
/// The data the analyzer benchmark stores: for every site, a coarse week of <c>flow</c> history (one point per exporter
/// every <c>historyStep</c>, the primary carrying with Japan's office-hours and weekend shape, the backup near
/// zero), then minute after minute of what the collector writes (flow points every 10 s per exporter, <c>packets</c>,
/// <c>firewall</c>, <c>scan_top</c>, a few <c>auth_fail</c> events), with failovers and one attack of each kind in the
/// first three measured windows (a scan and a brute-force burst in the second, a SYN flood and a deny surge in the third). Deterministic: the same arguments give the same points.
/// </summary>
public sealed class AnalyzerBenchData(IReadOnlyList<Site> sites, DateTimeOffset end, int days, TimeSpan historyStep, int warmWindows, int cycles, int scanRanks, int warmScanRanks)
{
    public TimeSpan HistoryStep => historyStep;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private const int BucketSeconds = 10;
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public IReadOnlyList<Site> Sites => sites;
    public DateTimeOffset End => end;
    public DateTimeOffset DetailStart => end - (warmWindows + cycles) * Window;
    public DateTimeOffset HistoryStart => end - TimeSpan.FromDays(days);
    public DateTimeOffset MeasuredStart => end - cycles * Window;

    /// <summary>Sites that fail over in the first measured window and switch back two windows later (about 1 in 90).</summary>
    public bool FailsOver(int i) => i % 90 == 7;

    public int ScannedSite => Math.Min(11, sites.Count - 1);
    public int SynFloodSite => Math.Min(13, sites.Count - 1);
    public int DenySurgeSite => Math.Min(17, sites.Count - 1);
    public int BruteForceSite => Math.Min(19, sites.Count - 1);

    /// <summary>The week of coarse flow history; answers the points written.</summary>
    public async Task<long> WriteHistoryAsync(LineBatchWriter w)
    {
        long before = w.Points;
        for (var t = HistoryStart; t < DetailStart; t += HistoryStep)
        {
            long ns = Point.ToNanoseconds(t);
            double office = OfficeShare(t);
            for (int i = 0; i < sites.Count; i++)
            {
                var code = sites[i].Code;
                long bytes = (long)(Scale(i) * office * Jitter(i, ns));
                await Flow(w, code, code + "-rt1", "tcp", "in", bytes, ns);
                await Flow(w, code, code + "-rt2", "udp", "in", 120 + (long)(Hash(i, ns, 1) * 200), ns);
            }
        }
        return w.Points - before;
    }

    /// <summary>The detailed minutes (warm-up and measured windows); answers the points written.</summary>
    public async Task<long> WriteDetailAsync(LineBatchWriter w)
    {
        long before = w.Points;
        for (var start = DetailStart; start < end; start += TimeSpan.FromSeconds(BucketSeconds))
        {
            // The collector stamps a window's points at its end.
            var t = start + TimeSpan.FromSeconds(BucketSeconds);
            long ns = Point.ToNanoseconds(t);
            int cycle = (int)Math.Floor((start - MeasuredStart) / Window); // <0 during warm-up
            int bucketInWindow = (int)((start - (MeasuredStart + cycle * Window)).TotalSeconds / BucketSeconds);
            double office = OfficeShare(t);
            for (int i = 0; i < sites.Count; i++)
            {
                var code = sites[i].Code;
                string rt1 = code + "-rt1", rt2 = code + "-rt2", fw1 = code + "-fw1";
                long bytes = (long)(Scale(i) * office * Jitter(i, ns));
                // Failover: the primary stops carrying from the first measured window's 3rd bucket until two windows later.
                bool onBackup = FailsOver(i) && (cycle == 0 && bucketInWindow >= 2 || cycle == 1 || cycle == 2 && bucketInWindow < 2);
                if (!onBackup)
                {
                    await Flow(w, code, rt1, "tcp", "in", (long)(bytes * 0.7), ns);
                    await Flow(w, code, rt1, "tcp", "out", (long)(bytes * 0.3), ns);
                    await Flow(w, code, rt2, "udp", "in", 120 + (long)(Hash(i, ns, 1) * 200), ns);
                }
                else
                {
                    await Flow(w, code, rt2, "tcp", "in", (long)(bytes * 0.7), ns);
                    await Flow(w, code, rt2, "tcp", "out", (long)(bytes * 0.3), ns);
                }

                long syn = 50 + (long)(250 * office * Hash(i, ns, 2)), synAck = (long)(syn * 0.95);
                if (i == SynFloodSite && cycle == 2 && bucketInWindow is >= 1 and <= 4) { syn = 40_000; synAck = 50; }
                w.Line.Append(CultureInfo.InvariantCulture,
                    $"packets,proto=tcp,sensor={code}-tap,site={code} packets={syn * 12}i,bytes={syn * 9_000}i,syn={syn}i,synack={synAck}i,rst={syn / 20}i {ns}");
                await w.EndLineAsync();

                long permit = 100 + (long)(2_000 * office * Hash(i, ns, 3)), deny = 2 + (long)(18 * Hash(i, ns, 4));
                if (i == DenySurgeSite && cycle == 2 && bucketInWindow <= 4) deny = 30_000;
                w.Line.Append(CultureInfo.InvariantCulture, $"firewall,action=permit,device={fw1},site={code} count={permit}i {ns}");
                await w.EndLineAsync();
                w.Line.Append(CultureInfo.InvariantCulture, $"firewall,action=deny,device={fw1},site={code} count={deny}i {ns}");
                await w.EndLineAsync();

                for (int r = 1, ranks = cycle < 0 ? warmScanRanks : scanRanks; r <= ranks; r++)
                {
                    long ports = 1 + (long)(4 * Hash(i, ns, 10 + r)), hosts = 1 + (long)(2 * Hash(i, ns, 40 + r));
                    string src = string.Create(CultureInfo.InvariantCulture, $"10.{i / 256}.{i % 256}.{r + 10}");
                    if (r == 1 && i == ScannedSite && cycle == 1 && bucketInWindow is >= 1 and <= 4) { ports = 600; hosts = 30; src = "198.51.100.7"; }
                    w.Line.Append(CultureInfo.InvariantCulture,
                        $"scan_top,rank={r},site={code} src=\"{src}\",ports={ports}i,hosts={hosts}i,syns={ports * 2}i,packets={ports * 3 + 10}i,packets_error=0i,evicted=0i,path=\"flow\" {ns}");
                    await w.EndLineAsync();
                }

                // A background of authentication failures at one site in twenty, one a minute; a burst at one site.
                if (i % 20 == 3 && bucketInWindow == 0) await AuthFail(w, code, rt1, ns);
                if (i == BruteForceSite && cycle == 1 && bucketInWindow <= 4)
                    for (int k = 0; k < 15; k++) await AuthFail(w, code, rt1, ns + k * 1_000_000L);

                if (FailsOver(i) && cycle == 0 && bucketInWindow == 1)
                    await Event(w, code, rt1, "link_down", "error", "primary", ns - 3_000_000_000L + i,
                        "%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");
                if (FailsOver(i) && cycle == 2 && bucketInWindow == 0)
                    await Event(w, code, rt1, "link_up", "notice", "primary", ns - 2_000_000_000L + i,
                        "%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up");
            }
        }
        return w.Points - before;
    }

    private static ValueTask AuthFail(LineBatchWriter w, string site, string device, long ns) =>
        Event(w, site, device, "auth_fail", "warning", "none", ns, "Login failed for user admin from 203.0.113.5 port 22");

    private static ValueTask Event(LineBatchWriter w, string site, string device, string kind, string severity, string line, long ns, string message)
    {
        w.Line.Append(CultureInfo.InvariantCulture,
            $"event,device={device},kind={kind},line={line},severity={severity},site={site} message=\"{message}\",detail=\"\" {ns}");
        return w.EndLineAsync();
    }

    private static ValueTask Flow(LineBatchWriter w, string site, string exporter, string proto, string direction, long bytes, long ns)
    {
        w.Line.Append(CultureInfo.InvariantCulture,
            $"flow,direction={direction},exporter={exporter},proto={proto},site={site} flows={1 + bytes / 40_000}i,packets={1 + bytes / 900}i,bytes={bytes}i {ns}");
        return w.EndLineAsync();
    }

    /// <summary>Bytes per 10 s at full office load: prefecture nodes and the centre ~50 MB, municipalities 1–10 MB.</summary>
    private double Scale(int i) => sites[i].Code.EndsWith("0000", StringComparison.Ordinal) || sites[i].Code.Length == 6 && sites[i].Code[2..5] == "000"
        ? 50e6 : 1e6 + 9e6 * Hash(i, 0, 99);

    /// <summary>Japan's working day: full load 8:30–17:30 on weekdays, a tenth at night, a fifth at weekends.</summary>
    private static double OfficeShare(DateTimeOffset t)
    {
        var local = t.ToOffset(Japan);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return 0.2;
        double h = local.TimeOfDay.TotalHours;
        return h is >= 8.5 and < 17.5 ? 1.0 : h is >= 7 and < 20 ? 0.4 : 0.1;
    }

    private static double Jitter(int i, long ns) => 0.85 + 0.3 * Hash(i, ns, 0);

    /// <summary>A uniform number in [0, 1) from the site, the time and a salt.</summary>
    private static double Hash(int i, long ns, int salt)
    {
        ulong x = (ulong)i * 0x9E3779B97F4A7C15UL ^ (ulong)ns * 0xBF58476D1CE4E5B9UL ^ (ulong)salt * 0x94D049BB133111EBUL;
        x ^= x >> 31; x *= 0xBF58476D1CE4E5B9UL; x ^= x >> 27; x *= 0x94D049BB133111EBUL; x ^= x >> 33;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
