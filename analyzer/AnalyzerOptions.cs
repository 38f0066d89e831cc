using System.ComponentModel.DataAnnotations;

namespace NetOps.Analyzer;

/// <summary><c>Analyzer</c> section: how window detectors are scheduled.</summary>
public sealed class AnalyzerOptions
{
    public const string Section = "Analyzer";

    /// <summary><c>Analyzer:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Analyzer:WindowSeconds</c>: the length of one analysis window (windows are aligned to it).</summary>
    [Range(1, 86_400)] public int WindowSeconds { get; set; } = 60;

    /// <summary><c>Analyzer:LagSeconds</c>: how long after its end a window waits, so late points (spool replays) count.</summary>
    [Range(0, 86_400)] public int LagSeconds { get; set; } = 30;

    /// <summary><c>Analyzer:RunEverySeconds</c>: how often the scheduler looks for due windows.</summary>
    [Range(1, 3600)] public int RunEverySeconds { get; set; } = 10;

    /// <summary><c>Analyzer:MaxWindowsPerRun</c>: windows one run catches up at most (after an outage, the rest follow next run).</summary>
    [Range(1, 100_000)] public int MaxWindowsPerRun { get; set; } = 60;

    /// <summary><c>Analyzer:BackfillMinutes</c>: on a detector's first start, how far back its first window begins.</summary>
    [Range(0, 100_000)] public int BackfillMinutes { get; set; }
}
