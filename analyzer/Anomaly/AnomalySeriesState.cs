namespace NetOps.Analyzer.Anomaly;

/// <summary>
/// Everything the streaming model knows about one series, as plain JSON-serialisable properties (persisted in the state
/// DB per site and line). Constant size: no sample history beyond the short window.
/// </summary>
public sealed class AnomalySeriesState
{
    public const int HoursPerDay = 24;
    public const int HoursPerWeek = 168;

    /// <summary>
    /// The series' value range if the caller knows it in advance (NAB hands every detector each file's inputMin and
    /// inputMax); null on the network, where the model falls back to the range it has observed.
    /// </summary>
    public double? KnownMin { get; set; }
    public double? KnownMax { get; set; }

    /// <summary>
    /// The length of the learning period if the caller knows it (NAB's probationary rows); 0 if not known, and the
    /// model's time constants stay in fixed samples.
    /// </summary>
    public int Horizon { get; set; }

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

    /// <summary>Samples left during which a new alarm is held back after the last one, and that alarm's score.</summary>
    public int HoldRemaining { get; set; }
    public double HoldScore { get; set; }

    /// <summary>Decaying count of past alarms: a series that alarms often needs more to alarm again.</summary>
    public double Alarms { get; set; }

    /// <summary>
    /// The same model one scale up: every few samples, the step's most extreme sample (or its mean) is one sample of
    /// this coarse series. Null until the first step is complete, and always null inside a coarse state.
    /// </summary>
    public AnomalySeriesState? Coarse { get; set; }
    public int CoarseFill { get; set; }
    public double CoarseSum { get; set; }
    public double CoarseExtreme { get; set; }

    /// <summary>Visits per band of the value range, and per pair of consecutive bands (row: the previous band).</summary>
    public double[] BandVisits { get; set; } = [];
    public double[] BandPairVisits { get; set; } = [];
    public int LastBand { get; set; } = -1;

    public double LongMean { get; set; }
    public double LongVariance { get; set; }
    public long LongCount { get; set; }
}
