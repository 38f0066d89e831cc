namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>An anomaly window as 0-based data rows, both ends inclusive (NOTES.md §1: rows by position, not time).</summary>
public readonly record struct NabWindow(int Start, int End)
{
    /// <summary>W = End − Start + 1.</summary>
    public int Width => End - Start + 1;

    public bool Contains(int row) => row >= Start && row <= End;
}
