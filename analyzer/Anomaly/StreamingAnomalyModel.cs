namespace NetOps.Analyzer.Anomaly;

/// <summary>
/// The streaming anomaly model shared by the network detector and the NAB bench. For each sample it asks several
/// robust baselines what they expected: a slow level, the hour of day and the hour of week (when the series is sampled
/// often enough and has run long enough to have seen them), and the last value. A sample is only as surprising as its
/// best explanation (the smallest deviation, in each baseline's own robust scale). The surprise, averaged over a short
/// window, is then judged against its own long-run distribution (a Gaussian tail, as Numenta's anomaly likelihood),
/// so that one threshold fits quiet and noisy series alike. Holds no state: the caller keeps one
/// <see cref="AnomalySeriesState"/> per series.
/// </summary>
public sealed class StreamingAnomalyModel
{
    private const double MadToSigma = 1.2533; // E|x − μ| = σ·√(2/π) for a Gaussian
    private readonly AnomalyModelOptions _o;

    public StreamingAnomalyModel(AnomalyModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _o = options;
    }

    public AnomalyModelOptions Options => _o;

    /// <summary>Folds one sample into <paramref name="state"/> and scores it. <paramref name="time"/> is the series' local clock.</summary>
    public AnomalyReading Observe(AnomalySeriesState state, DateTime time, double value)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!double.IsFinite(value)) return new AnomalyReading(0, state.Level, 0, "none");
        if (state.Count == 0) Start(state, time, value);
        else UpdateInterval(state, time);

        state.Min = Math.Min(state.Min, value);
        state.Max = Math.Max(state.Max, value);
        double floor = Math.Max(_o.MinScaleOfRange * (state.Max - state.Min), 1e-12 * Math.Abs(value) + 1e-300);

        int hourOfDay = time.Hour;
        int hourOfWeek = (int)time.DayOfWeek * 24 + time.Hour;
        double elapsedDays = (time - state.First).TotalDays;
        bool seasonal = state.IntervalSeconds > 0 && state.IntervalSeconds <= _o.MaxSeasonalIntervalSeconds;
        bool daily = seasonal && elapsedDays >= 2 && state.DailyVisits[hourOfDay] > 0;
        bool weekly = seasonal && elapsedDays >= 14 && state.WeeklyVisits[hourOfWeek] > 0;

        // the deviation from each baseline in its own scale; the sample is as surprising as its best explanation
        double best = Deviation(value, state.Level, state.LevelScale, floor);
        double expected = state.Level;
        string baseline = "level";
        Consider(Deviation(value, state.LastValue, state.PersistenceScale, floor), state.LastValue, "last");
        if (daily) Consider(Deviation(value, state.DailyLevel[hourOfDay], state.DailyScale[hourOfDay], floor), state.DailyLevel[hourOfDay], "daily");
        if (weekly) Consider(Deviation(value, state.WeeklyLevel[hourOfWeek], state.WeeklyScale[hourOfWeek], floor), state.WeeklyLevel[hourOfWeek], "weekly");

        double score = 0;
        if (state.Count >= _o.WarmupSamples)
        {
            double surprise = Math.Clamp((best - _o.NoiseSigmas) / (_o.SaturationSigmas - _o.NoiseSigmas), 0, 1);
            score = Likelihood(state, surprise);
        }

        Learn(state, value, hourOfDay, hourOfWeek);
        state.Count++;
        state.Last = time;
        return new AnomalyReading(score, expected, best, baseline);

        void Consider(double deviation, double prediction, string name)
        {
            if (deviation < best) { best = deviation; expected = prediction; baseline = name; }
        }
    }

    private static double Deviation(double value, double prediction, double scale, double floor) =>
        Math.Abs(value - prediction) / (MadToSigma * Math.Max(scale, floor));

    private double Likelihood(AnomalySeriesState s, double surprise)
    {
        if (s.Recent.Length != _o.ShortWindow) { s.Recent = new double[_o.ShortWindow]; s.RecentNext = 0; }
        s.Recent[s.RecentNext] = surprise;
        s.RecentNext = (s.RecentNext + 1) % s.Recent.Length;
        double average = 0;
        foreach (var r in s.Recent) average += r;
        average /= s.Recent.Length;

        double sigma = Math.Max(Math.Sqrt(s.LongVariance), _o.MinLikelihoodSigma);
        double z = s.LongCount == 0 ? 0 : (average - s.LongMean) / sigma;

        // the long-run distribution learns after judging, so the sample does not explain itself
        double a = s.LongCount < 1 / _o.LongAlpha ? 1.0 / (s.LongCount + 1) : _o.LongAlpha;
        double delta = average - s.LongMean;
        s.LongMean += a * delta;
        s.LongVariance = (1 - a) * (s.LongVariance + a * delta * delta);
        s.LongCount++;

        // z / (z + c) keeps every z apart (a log of the Gaussian tail saturates), and only the order matters
        return z <= 0 ? 0 : z / (z + _o.LikelihoodHalfSigmas);
    }

    private void Learn(AnomalySeriesState s, double value, int hourOfDay, int hourOfWeek)
    {
        double floor = Math.Max(_o.MinScaleOfRange * (s.Max - s.Min), 1e-300);
        double level = s.Level, levelScale = s.LevelScale;
        RobustStep(value, ref level, ref levelScale, Math.Max(_o.LevelAlpha, 1.0 / (s.Count + 1)), floor);
        s.Level = level; s.LevelScale = levelScale;
        double step = Math.Abs(value - s.LastValue);
        s.PersistenceScale += _o.ScaleAlpha * (Math.Min(step, _o.HuberK * Math.Max(s.PersistenceScale, floor) * MadToSigma) - s.PersistenceScale);
        s.LastValue = value;
        Season(s.DailyLevel, s.DailyScale, s.DailyVisits, hourOfDay);
        Season(s.WeeklyLevel, s.WeeklyScale, s.WeeklyVisits, hourOfWeek);

        void Season(double[] level, double[] scale, int[] visits, int bucket)
        {
            if (visits[bucket] == 0) { level[bucket] = value; scale[bucket] = s.LevelScale; }
            else
            {
                double a = Math.Max(_o.SeasonAlpha, 1.0 / (visits[bucket] + 1));
                double l = level[bucket], sc = scale[bucket];
                RobustStep(value, ref l, ref sc, a, floor);
                level[bucket] = l; scale[bucket] = sc;
            }
            if (visits[bucket] < int.MaxValue) visits[bucket]++;
        }
    }

    private void RobustStep(double value, ref double level, ref double scale, double alpha, double floor)
    {
        double limit = _o.HuberK * MadToSigma * Math.Max(scale, floor);
        double error = value - level;
        double clipped = Math.Clamp(error, -limit, limit);
        level += alpha * clipped;
        scale += alpha * (Math.Abs(clipped) - scale);
    }

    private static void Start(AnomalySeriesState s, DateTime time, double value)
    {
        s.First = time; s.Last = time;
        s.Min = value; s.Max = value;
        s.Level = value; s.LastValue = value;
    }

    private static void UpdateInterval(AnomalySeriesState s, DateTime time)
    {
        double dt = (time - s.Last).TotalSeconds;
        if (dt <= 0) return;
        s.IntervalSeconds = s.IntervalSeconds == 0 ? dt : s.IntervalSeconds + 0.05 * (dt - s.IntervalSeconds);
    }

    /// <summary>Q(z) = P(Z &gt; z) for a standard normal, accurate in the far tail (erfc, Numerical Recipes' erfcc).</summary>
    public static double GaussianTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851526 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
