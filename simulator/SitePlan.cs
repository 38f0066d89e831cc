using NetOps.Core.Inventory;

namespace NetOps.Simulator;

/// <summary>Picks which sites of the demo inventory the simulator plays: deterministic, whatever the seed.</summary>
public static class SitePlan
{
    /// <summary>
    /// Prefectures the demo spreads over, north to south: Hokkaido, Miyagi, Niigata, Tokyo, Kanagawa, Aichi,
    /// Kyoto, Osaka, Hiroshima, Yamaguchi, Fukuoka, Okinawa.
    /// </summary>
    public static readonly IReadOnlyList<string> Prefectures = ["01", "04", "15", "13", "14", "23", "26", "27", "34", "35", "40", "47"];

    /// <summary>
    /// Takes <paramref name="municipalities"/> municipalities round-robin over <see cref="Prefectures"/> (then over
    /// every other prefecture, if more are asked for), in code order within each, plus the prefecture nodes of the
    /// prefectures used and the national centre.
    /// </summary>
    public static IReadOnlyList<SimulatedSite> Pick(IReadOnlyList<Site> inventory, int municipalities, int tcpSharePercent)
    {
        var indexOf = new Dictionary<string, int>(inventory.Count);
        for (int i = 0; i < inventory.Count; i++) indexOf[inventory[i].Code] = i;

        var byPrefecture = inventory
            .Where(s => s.Parent is not null && s.Parent != Core.Events.Measurements.NationalCentre)
            .GroupBy(s => s.Prefecture)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Code, StringComparer.Ordinal).ToList());
        var preferred = Prefectures.Where(byPrefecture.ContainsKey).ToList();
        var others = byPrefecture.Keys.Except(Prefectures).Order(StringComparer.Ordinal).ToList();

        // Round-robin over the preferred prefectures until they run out, then over the others.
        var picked = RoundRobin(preferred, byPrefecture).Concat(RoundRobin(others, byPrefecture)).Take(municipalities).ToList();
        var used = picked.Select(s => s.Prefecture).ToHashSet();

        var nodes = inventory.Where(s => s.Parent == Core.Events.Measurements.NationalCentre && used.Contains(s.Prefecture));
        var centre = inventory.Where(s => s.Code == Core.Events.Measurements.NationalCentre);

        return centre.Concat(nodes).Concat(picked)
            .Select(s => new SimulatedSite(s, indexOf[s.Code], UsesTcp(indexOf[s.Code], tcpSharePercent)))
            .ToList();
    }

    private static IEnumerable<Site> RoundRobin(List<string> prefectures, Dictionary<string, List<Site>> byPrefecture)
    {
        for (int round = 0; ; round++)
        {
            bool any = false;
            foreach (var prefecture in prefectures)
            {
                var list = byPrefecture[prefecture];
                if (round >= list.Count) continue;
                any = true;
                yield return list[round];
            }
            if (!any) yield break;
        }
    }

    // A fixed scatter rather than "every fourth", so that TCP senders are spread over prefectures.
    private static bool UsesTcp(int index, int sharePercent) => (int)((uint)(index * 2654435761u) % 100) < sharePercent;
}
