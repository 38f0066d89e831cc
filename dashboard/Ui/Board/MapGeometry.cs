using NetOps.Core.Inventory;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>A point of the map in map units: x grows east, y north (degrees, with Okinawa moved into its inset).</summary>
public readonly record struct MapPoint(double X, double Y);

/// <summary>One outline of a prefecture: the convex hull of a cluster of its municipalities (an island group has its own).</summary>
public sealed record MapOutline(string Prefecture, IReadOnlyList<MapPoint> Points);

/// <summary>
/// The map of Japan drawn from the coordinates of the municipality directory the project ships (no outline data is
/// served here): each municipality a point, each prefecture the hulls of its clusters of municipalities (neighbours
/// within <see cref="ClusterKm"/>, so that an island group far out at sea gets its own outline instead of stretching
/// its prefecture across the ocean). Okinawa is drawn in an inset in the north-west, as Japanese maps do.
/// </summary>
public static class MapGeometry
{
    /// <summary>Municipalities closer than this belong to one outline.</summary>
    public const double ClusterKm = 40;

    /// <summary>Where Okinawa's points move to (degrees east, north), so the main islands fill the map.</summary>
    public static readonly MapPoint OkinawaShift = new(2.0, 13.0);

    /// <summary>Okinawa's inset box in map units, drawn as a frame.</summary>
    public static readonly (MapPoint Min, MapPoint Max) OkinawaInset = (new(124.6, 36.8), new(134.0, 40.4));

    private static readonly Lazy<IReadOnlyList<MapOutline>> Outlines = new(() => BuildOutlines(MunicipalityDirectory.Entries));

    /// <summary>The outlines of every prefecture, computed once.</summary>
    public static IReadOnlyList<MapOutline> All => Outlines.Value;

    /// <summary>Where a site is drawn; null for a code the directory does not have (the national centre is drawn at Tokyo).</summary>
    public static MapPoint? Locate(string code)
    {
        var m = MunicipalityDirectory.Find(code) ?? (code == "000000" ? MunicipalityDirectory.PrefectureOf("13") : null);
        return m is null ? null : Project(m);
    }

    public static MapPoint Project(Municipality m) =>
        m.PrefectureCode == "47" ? new(m.Longitude + OkinawaShift.X, m.Latitude + OkinawaShift.Y) : new(m.Longitude, m.Latitude);

    /// <summary>Outlines for every prefecture of <paramref name="entries"/>: single-linkage clusters, then a convex hull of each with three or more points.</summary>
    public static IReadOnlyList<MapOutline> BuildOutlines(IEnumerable<Municipality> entries)
    {
        var outlines = new List<MapOutline>();
        foreach (var pref in entries.Where(e => e.Latitude != 0 || e.Longitude != 0).GroupBy(e => e.PrefectureCode).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = pref.ToList();
            foreach (var cluster in Clusters(members, ClusterKm))
            {
                if (cluster.Count < 3) continue;
                var hull = ConvexHull(cluster.Select(Project).ToList());
                if (hull.Count >= 3) outlines.Add(new MapOutline(pref.Key, hull));
            }
        }
        return outlines;
    }

    /// <summary>Groups of points each within <paramref name="km"/> of another of its group (union-find over all pairs; n is at most a few hundred).</summary>
    public static List<List<Municipality>> Clusters(IReadOnlyList<Municipality> points, double km)
    {
        var parent = Enumerable.Range(0, points.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (int i = 0; i < points.Count; i++)
        for (int j = i + 1; j < points.Count; j++)
        {
            if (DistanceKm(points[i], points[j]) > km) continue;
            int a = Find(i), b = Find(j);
            if (a != b) parent[a] = b;
        }
        return [.. Enumerable.Range(0, points.Count).GroupBy(Find).Select(g => g.Select(i => points[i]).ToList())];
    }

    /// <summary>Equirectangular distance: exact enough within a prefecture.</summary>
    public static double DistanceKm(Municipality a, Municipality b)
    {
        double meanLat = (a.Latitude + b.Latitude) / 2 * Math.PI / 180;
        double dx = (a.Longitude - b.Longitude) * Math.Cos(meanLat) * 111.32;
        double dy = (a.Latitude - b.Latitude) * 110.57;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Andrew's monotone chain: the hull counter-clockwise, without repeating the first point.</summary>
    public static List<MapPoint> ConvexHull(List<MapPoint> points)
    {
        var p = points.Distinct().OrderBy(q => q.X).ThenBy(q => q.Y).ToList();
        if (p.Count < 3) return p;
        static double Cross(MapPoint o, MapPoint a, MapPoint b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
        var hull = new MapPoint[2 * p.Count];
        int k = 0;
        for (int i = 0; i < p.Count; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        for (int i = p.Count - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        return [.. hull.Take(k - 1)];
    }
}
