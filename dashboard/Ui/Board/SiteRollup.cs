using NetOps.Core.Sites;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>How one line of a site stands, as the screen shows it beside the site's state.</summary>
public enum LineState
{
    Unknown,
    /// <summary>Up and carrying the site's traffic.</summary>
    Carrying,
    /// <summary>Up, waiting (the backup while the primary carries).</summary>
    Standby,
    /// <summary>Up but erroring or saturated.</summary>
    Degraded,
    Down,
}

/// <summary>
/// The screen's arithmetic of states: which is worse, what a site's state says of each line, and a prefecture's
/// colour as the worst of its sites. Pure functions; the board and the tests use them.
/// </summary>
public static class SiteRollup
{
    /// <summary>
    /// Worse sorts higher: a site down outranks one on its backup, which outranks a degraded one; unknown ranks just
    /// above up (not judged yet is no news, but not good news either).
    /// </summary>
    public static int Rank(SiteState state) => state switch
    {
        SiteState.Down => 4,
        SiteState.Backup => 3,
        SiteState.Degraded => 2,
        SiteState.Unknown => 1,
        _ => 0,
    };

    /// <summary>The worst of <paramref name="states"/>; unknown for none.</summary>
    public static SiteState Worst(IEnumerable<SiteState> states)
    {
        SiteState worst = SiteState.Unknown;
        bool any = false;
        foreach (var s in states)
        {
            if (!any || Rank(s) > Rank(worst)) worst = s;
            any = true;
        }
        return worst;
    }

    /// <summary>
    /// A prefecture's colour: the worst state among its sites that have been judged; unknown only when none has.
    /// A prefecture whose sites are all up but one not yet judged is up: unknown must not paint a quiet map grey.
    /// </summary>
    public static SiteState Prefecture(IEnumerable<SiteState> states)
    {
        var judged = states.Where(s => s != SiteState.Unknown).ToList();
        return judged.Count == 0 ? SiteState.Unknown : Worst(judged);
    }

    /// <summary>The primary and the backup line as the site's state implies them (the analyzer judges the site, not each line).</summary>
    public static (LineState Primary, LineState Backup) Lines(SiteState state, string? activeLine) => state switch
    {
        SiteState.Up => (LineState.Carrying, LineState.Standby),
        SiteState.Backup => (LineState.Down, LineState.Carrying),
        SiteState.Degraded when activeLine == "backup" => (LineState.Down, LineState.Degraded),
        SiteState.Degraded => (LineState.Degraded, LineState.Standby),
        SiteState.Down => (LineState.Down, LineState.Down),
        _ => (LineState.Unknown, LineState.Unknown),
    };

    public static string ToTag(this LineState state) => state switch
    {
        LineState.Carrying => "carrying",
        LineState.Standby => "standby",
        LineState.Degraded => "degraded",
        LineState.Down => "down",
        _ => "unknown",
    };
}
