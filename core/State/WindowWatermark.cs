namespace NetOps.Core.State;

/// <summary>
/// How far a scheduled window job has got (table <c>window_watermarks</c>): every window before
/// <see cref="WatermarkMs"/> is done, and <see cref="StateJson"/> is the job's state after it (baselines). Both
/// change in one transaction, so a restart neither skips nor repeats a window.
/// </summary>
public sealed class WindowWatermark
{
    /// <summary>The job's name, e.g. <c>analyzer/failover</c>.</summary>
    public string Name { get; set; } = "";
    /// <summary>End of the last completed window, Unix milliseconds.</summary>
    public long WatermarkMs { get; set; }
    public string? StateJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
