using NetOps.Core.Detections;
using NetOps.Core.Sites;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>A site as the overview, the municipality list and the site page show it.</summary>
public sealed record BoardSite(
    string Code, string Name, string? Kana, string Prefecture, string Kind, SiteState State, string? ActiveLine,
    DateTimeOffset? Since, string? Reason, LineState Primary, LineState Backup, int OpenAlerts);

/// <summary>A prefecture's roll-up: its colour (the worst judged state of its sites) and how many sites stand how.</summary>
public sealed record BoardPrefecture(string Code, string Name, SiteState State, StateCounts Counts);

/// <summary>Sites by state.</summary>
public sealed record StateCounts(int Up, int Backup, int Degraded, int Down, int Unknown)
{
    public int Total => Up + Backup + Degraded + Down + Unknown;

    public static StateCounts Of(IEnumerable<SiteState> states)
    {
        int up = 0, backup = 0, degraded = 0, down = 0, unknown = 0;
        foreach (var s in states)
        {
            switch (s)
            {
                case SiteState.Up: up++; break;
                case SiteState.Backup: backup++; break;
                case SiteState.Degraded: degraded++; break;
                case SiteState.Down: down++; break;
                default: unknown++; break;
            }
        }
        return new StateCounts(up, backup, degraded, down, unknown);
    }
}

/// <summary>Active (not resolved) alerts by severity.</summary>
public sealed record AlertCounts(int Critical, int Warning, int Info, int Suppressed)
{
    public int Total => Critical + Warning + Info;
}

/// <summary>
/// One read of the state DB fanned out to every open screen: every site with its state, the prefectures' roll-up,
/// the counts, active alerts by severity and the latest detections. <see cref="Version"/> changes only when the
/// content does, so a screen re-renders only then.
/// </summary>
public sealed record BoardSnapshot(
    DateTimeOffset At, long Version, IReadOnlyList<BoardSite> Sites, IReadOnlyDictionary<string, BoardSite> ByCode,
    IReadOnlyList<BoardPrefecture> Prefectures, StateCounts Counts, AlertCounts Alerts, IReadOnlyList<Detection> LatestDetections,
    string? Error)
{
    /// <summary>One character per site of <see cref="Sites"/>, in order: what the map's points need on each push.</summary>
    public string StateCodes { get; } = string.Concat(Sites.Select(s => Code(s.State)));

    public static char Code(SiteState s) => s switch
    {
        SiteState.Up => 'u',
        SiteState.Backup => 'b',
        SiteState.Degraded => 'g',
        SiteState.Down => 'd',
        _ => 'n',
    };
}
