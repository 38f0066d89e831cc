namespace NetOps.Collector.Scans;

/// <summary>
/// How many sources a site's window writes to <c>scan_top</c> (<see cref="TopN"/>; 0 turns the features off) and
/// how many it tracks to find them (<see cref="Sources"/>, the memory bound).
/// </summary>
public readonly record struct ScanLimits(int TopN, int Sources)
{
    public bool Enabled => TopN > 0 && Sources > 0;
}
