namespace NetOps.Analyzer.Failover;

/// <summary>Where a site is in a failover.</summary>
public enum FailoverPhase
{
    /// <summary>The primary line carries (or nothing is known yet).</summary>
    Normal,
    /// <summary>The primary failed; the backup takes over or carries.</summary>
    FailedOver,
    /// <summary>Both lines down, or the site went silent.</summary>
    Outage,
}
