namespace NetOps.Analyzer.Anomaly;

/// <summary>
/// Everything the streaming model knows about one series, as plain JSON-serialisable properties (persisted in the state
/// DB per site and line). Constant size: no sample history beyond the short window.
/// </summary>
public sealed class AnomalySeriesState
{
    public const int HoursPerDay = 24;
    public const int HoursPerWeek = 168;

    public long Count { get; set; }
    public DateTime First { get; set; }
    public DateTime Last { get; set; }

    /// <summary>EWMA of the sampling interval in seconds.</summary>
    public double IntervalSeconds { get; set; }

    public double LastValue { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }

    public double Level { get; set; }
    public double LevelScale { get; set; }

    /// <summary>Per baseline (level, daily, weekly, last): EWMA of its clipped absolute error, and how many it has made.</summary>
    public double[] ModelError { get; set; } = [];
    public long[] ModelSamples { get; set; } = [];

    public double[] DailyLevel { get; set; } = new double[HoursPerDay];
    public double[] DailyScale { get; set; } = new double[HoursPerDay];
    public int[] DailyVisits { get; set; } = new int[HoursPerDay];

    public double[] WeeklyLevel { get; set; } = new double[HoursPerWeek];
    public double[] WeeklyScale { get; set; } = new double[HoursPerWeek];
    public int[] WeeklyVisits { get; set; } = new int[HoursPerWeek];

    /// <summary>The last raw surprises (ring), for the short average.</summary>
    public double[] Recent { get; set; } = [];
    public int RecentNext { get; set; }

    /// <summary>Decaying histogram of past deviations over half-octaves, and its total weight.</summary>
    public double[] Histogram { get; set; } = new double[48];

    /// <summary>The same for the short window's mean deviation.</summary>
    public double[] SustainedHistogram { get; set; } = new double[48];

    /// <summary>The recent peak score (decaying), for damping repeats of one event.</summary>
    public double Peak { get; set; }

    public double LongMean { get; set; }
    public double LongVariance { get; set; }
    public long LongCount { get; set; }
}
