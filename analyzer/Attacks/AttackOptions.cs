namespace NetOps.Analyzer.Attacks;

/// <summary><c>Analyzer:Attacks</c>: floors, buckets and the baseline of the four attack detectors; read every window, so a change applies from the next one.</summary>
public sealed class AttackOptions
{
    public const string Section = "Analyzer:Attacks";

    public BaselineOptions Baseline { get; set; } = new();
    public PortScanOptions PortScan { get; set; } = new();
    public SynFloodOptions SynFlood { get; set; } = new();
    public BruteForceOptions BruteForce { get; set; } = new();
    public DenySurgeOptions DenySurge { get; set; } = new();
}
