using System.Globalization;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Collector.Scans;

/// <summary>
/// Builds <c>scan_top</c> points: one per ranked source of a site's window, tags site and rank only (at most
/// <c>ScanTopN</c> series per site, never one per address), the address as a field.
/// </summary>
public static class ScanTopPoints
{
    private static readonly string[] Ranks = Enumerable.Range(0, 101).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Adds the points of <paramref name="sketch"/>'s top <paramref name="topN"/>; answers how many.</summary>
    /// <param name="path">Where the features were computed: <c>capture</c> or <c>flow</c>.</param>
    public static int Add(List<Point> output, string site, long timestampNs, ScanSketch sketch, int topN, string path)
    {
        if (sketch.Count == 0) return 0;
        var top = sketch.Top(Math.Min(topN, Ranks.Length - 1));
        for (int r = 0; r < top.Count; r++)
        {
            var s = top[r];
            output.Add(new Point(Measurements.ScanTop, timestampNs)
                .Tag("site", site)
                .Tag("rank", Ranks[r + 1])
                .Field("src", s.Address.ToString())
                .Field("ports", s.Ports)
                .Field("hosts", s.Hosts)
                .Field("syns", s.Syns)
                .Field("packets", s.Packets)
                .Field("packets_error", s.PacketsError)
                .Field("evicted", sketch.Evicted)
                .Field("path", path));
        }
        return top.Count;
    }
}
