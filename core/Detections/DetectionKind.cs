namespace NetOps.Core.Detections;

/// <summary>
/// What a detector found (the <c>detection.kind</c> tag, DESIGN.md). The tag value is the snake_case name given by
/// <see cref="DetectionKinds.ToTag(DetectionKind)"/>.
/// </summary>
public enum DetectionKind
{
    /// <summary>The primary line of a site went down.</summary>
    FailoverStarted,
    /// <summary>After a failover, traffic is on the backup line.</summary>
    BackupCarrying,
    /// <summary>The primary line carries again.</summary>
    Switchback,
    /// <summary>Both lines down, or a site that was sending went silent.</summary>
    Outage,
    /// <summary>The primary is up but erroring, flapping or saturated.</summary>
    Degraded,
    /// <summary>A line changed state N times in a window (reported once).</summary>
    Flapping,
    PortScan,
    SynFlood,
    BruteForce,
    DenySurge,
    /// <summary>Traffic far from the site's seasonal baseline.</summary>
    Anomaly,
}

/// <summary>Tag values of <see cref="DetectionKind"/>.</summary>
public static class DetectionKinds
{
    private static readonly string[] Tags =
    [
        "failover_started", "backup_carrying", "switchback", "outage", "degraded", "flapping",
        "port_scan", "syn_flood", "brute_force", "deny_surge", "anomaly",
    ];

    /// <summary>Every kind's tag, in enum order.</summary>
    public static IReadOnlyList<string> All => Tags;

    /// <summary>The <c>kind</c> tag value, e.g. <c>failover_started</c>.</summary>
    public static string ToTag(this DetectionKind kind) => Tags[(int)kind];

    /// <summary>Parses a <c>kind</c> tag value.</summary>
    public static bool TryParse(string? tag, out DetectionKind kind)
    {
        int i = tag is null ? -1 : Array.IndexOf(Tags, tag);
        kind = i < 0 ? default : (DetectionKind)i;
        return i >= 0;
    }
}
