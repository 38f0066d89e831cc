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
    private const int Level = 0, Daily = 1, Weekly = 2, Last = 3, ModelCount = 4;
    private const int HistogramBins = 48;
    private static readonly string[] ModelNames = ["level", "hour-of-day", "hour-of-week", "last-value"];
    private readonly AnomalyModelOptions _o;
    private readonly StreamingAnomalyModel? _coarse;

    public StreamingAnomalyModel(AnomalyModelOptions options) : this(options, coarse: false) { }

    private StreamingAnomalyModel(AnomalyModelOptions options, bool coarse)
    {
        ArgumentNullException.ThrowIfNull(options);
        _o = options;
        if (coarse || (options.CoarseSamples <= 1 && options.CoarseStepsPerHorizon <= 0)) return;
        var up = options.Copy();
        up.WarmupSamples = options.CoarseWarmupSamples;
        up.MinModelSamples = options.CoarseMinModelSamples;
        _coarse = new StreamingAnomalyModel(up, coarse: true);
    }

    public AnomalyModelOptions Options => _o;

    /// <summary>Folds one sample into <paramref name="state"/> and scores it. <paramref name="time"/> is the series' local clock.</summary>
    public AnomalyReading Observe(AnomalySeriesState state, DateTime time, double value)
    {
        ArgumentNullException.ThrowIfNull(state);
        var reading = ObserveScale(state, time, value);
        double score = reading.Score;
        if (_o.RangeGate > 0 && double.IsFinite(value))
        {
            double range = (state.KnownMax ?? state.Max) - (state.KnownMin ?? state.Min);
            double share = range > 0 ? Math.Abs(value - reading.Expected) / range : 1;
            if (share < _o.RangeGate) score *= Math.Pow(share / _o.RangeGate, _o.RangeGatePower);
        }
        if (_o.Bands > 0 && double.IsFinite(value))
        {
            double band = BandNovelty(state, value);
            if (band > score) { score = band; reading = reading with { Baseline = "band" }; }
        }
        if (_coarse is not null && double.IsFinite(value))
        {
            double coarse = CoarseStep(state, time, value);
            if (coarse > score) { score = coarse; reading = reading with { Baseline = "coarse " + reading.Baseline }; }
        }
        // just after the learning period the baselines are young and the series is still showing its range: a score
        // there is damped (the sample still counts as seen)
        if (_o.YoungShare > 0 && state.Horizon > 0 && state.Count <= state.Horizon * (1 + _o.YoungShare)) score *= _o.YoungFactor;
        return reading with { Score = Hold(state, score) };
    }

    // where in the value range the sample lies, in a few bands: a band (or a move between bands) the series has
    // rarely visited is news even when a baseline explains the value (a level creeping into the top of the range)
    private double BandNovelty(AnomalySeriesState s, double value)
    {
        int n = _o.Bands;
        if (s.BandVisits.Length != n || s.BandPairVisits.Length != n * n) { s.BandVisits = new double[n]; s.BandPairVisits = new double[n * n]; s.LastBand = -1; }
        double min = s.KnownMin ?? s.Min, max = s.KnownMax ?? s.Max;
        double x = max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : 0;
        int band = Math.Clamp((int)(x * n), 0, n - 1);
        double total = 0;
        foreach (var v in s.BandVisits) total += v;
        double p = (s.BandVisits[band] + _o.BandPrior) / (total + _o.BandPrior * n);
        double surprise = -Math.Log10(p);
        if (s.LastBand >= 0 && _o.BandPairWeight > 0)
        {
            double from = s.BandVisits[s.LastBand];
            double pair = (s.BandPairVisits[s.LastBand * n + band] + _o.BandPrior) / (from + _o.BandPrior * n);
            surprise = Math.Max(surprise, -_o.BandPairWeight * Math.Log10(pair));
        }
        if (_o.BandAlpha > 0)
        {
            double keep = 1 - _o.BandAlpha;
            for (int i = 0; i < s.BandVisits.Length; i++) s.BandVisits[i] *= keep;
            for (int i = 0; i < s.BandPairVisits.Length; i++) s.BandPairVisits[i] *= keep;
        }
        if (s.LastBand >= 0) s.BandPairVisits[s.LastBand * n + band] += 1;
        s.BandVisits[band] += 1;
        s.LastBand = band;
        if (s.Count < _o.WarmupSamples) return 0;
        return _o.BandWeight * surprise / (surprise + _o.BandHalfDecades);
    }

    // slow events (a level creeping up, denser spikes) are clearer a scale up, where one sample is a few
    private double CoarseStep(AnomalySeriesState state, DateTime time, double value)
    {
        int step = state.Horizon > 0 && _o.CoarseStepsPerHorizon > 0 ? Math.Max(1, (int)(state.Horizon / _o.CoarseStepsPerHorizon)) : _o.CoarseSamples;
        if (step <= 1) return 0;
        if (state.CoarseFill == 0 || Math.Abs(value - state.Level) > Math.Abs(state.CoarseExtreme - state.Level)) state.CoarseExtreme = value;
        state.CoarseSum += value;
        state.CoarseFill++;
        if (state.CoarseFill < step) return 0;
        double sample = _o.CoarseExtreme ? state.CoarseExtreme : state.CoarseSum / state.CoarseFill;
        state.CoarseFill = 0;
        state.CoarseSum = 0;
        state.Coarse ??= new AnomalySeriesState { KnownMin = state.KnownMin, KnownMax = state.KnownMax };
        return _o.CoarseWeight * _coarse!.ObserveScale(state.Coarse, time, sample).Score;
    }

    private AnomalyReading ObserveScale(AnomalySeriesState state, DateTime time, double value)
    {
        if (!double.IsFinite(value)) return new AnomalyReading(0, state.Level, 0, "none");
        if (state.Count == 0) Start(state, time, value);
        else UpdateInterval(state, time);

        double range = state.Max - state.Min;
        double beyond = range > 0 ? Math.Max(value - state.Max, state.Min - value) / range : 0;
        state.Min = Math.Min(state.Min, value);
        state.Max = Math.Max(state.Max, value);
        double floor = Math.Max(_o.MinScaleOfRange * (state.Max - state.Min), 1e-12 * Math.Abs(value) + 1e-300);

        int hourOfDay = time.Hour;
        int hourOfWeek = (int)time.DayOfWeek * 24 + time.Hour;
        double elapsedDays = (time - state.First).TotalDays;
        bool seasonal = state.IntervalSeconds > 0 && state.IntervalSeconds <= _o.MaxSeasonalIntervalSeconds;
        // a state from an older shape (or hand-edited JSON) starts those parts afresh rather than failing
        if (state.ModelError.Length != ModelCount || state.ModelSamples.Length != ModelCount) { state.ModelError = new double[ModelCount]; state.ModelSamples = new long[ModelCount]; }
        if (state.Histogram.Length != HistogramBins) state.Histogram = new double[HistogramBins];
        if (state.SustainedHistogram.Length != HistogramBins) state.SustainedHistogram = new double[HistogramBins];

        // what each baseline expected (NaN: it has nothing to say yet)
        Span<double> predictions = stackalloc double[ModelCount];
        predictions[Level] = state.Level;
        predictions[Last] = state.LastValue;
        predictions[Daily] = seasonal && elapsedDays >= 2 && state.DailyVisits[hourOfDay] > 0 ? state.DailyLevel[hourOfDay] : double.NaN;
        predictions[Weekly] = seasonal && elapsedDays >= 7 && state.WeeklyVisits[hourOfWeek] > 0 ? state.WeeklyLevel[hourOfWeek] : double.NaN;

        // the baseline with the best track record on this series judges the sample, in its own robust scale
        int chosen = Level;
        for (int m = 0; m < ModelCount; m++)
            if (!double.IsNaN(predictions[m]) && state.ModelSamples[m] >= _o.MinModelSamples && state.ModelError[m] < state.ModelError[chosen]) chosen = m;
        double expected = predictions[chosen];
        // a seasonal baseline judges in its own bucket's scale (night and weekend traffic is quieter than office
        // hours), never below a share of the model's overall error, so a bucket that happened to be calm is not brittle
        double scale = chosen switch
        {
            Daily => Math.Max(state.DailyScale[hourOfDay], _o.MinBucketScaleShare * state.ModelError[Daily]),
            Weekly => Math.Max(state.WeeklyScale[hourOfWeek], _o.MinBucketScaleShare * state.ModelError[Weekly]),
            _ => state.ModelError[chosen],
        };
        if (_o.MinBucketScaleShare >= 1) scale = state.ModelError[chosen];
        double deviation = Deviation(value, expected, scale, floor);
        // a value outside everything the series has shown (by a margin of its range) is news whatever the baselines say
        if (_o.BeyondRangeMargin > 0 && beyond > _o.BeyondRangeMargin) deviation = Math.Max(deviation, _o.BeyondRangeSigmas * (1 + beyond));

        double score = 0;
        if (state.Count >= _o.WarmupSamples)
        {
            score = _o.Scoring switch
            {
                AnomalyScoring.Likelihood => Likelihood(state, Math.Clamp((deviation - _o.NoiseSigmas) / (_o.SaturationSigmas - _o.NoiseSigmas), 0, 1)),
                _ => Math.Max(Rarity(state.Histogram, deviation), SustainedRarity(state, deviation)),
            };
        }
        else if (_o.Scoring == AnomalyScoring.Rarity) { Rarity(state.Histogram, deviation); SustainedRarity(state, deviation); }

        // one event, one alarm: a score below the recent peak (decaying) is damped, so a long excursion is reported at
        // its start rather than on every sample (NAB counts each of them as a false positive, operators as noise)
        if (_o.RepeatDecay > 0)
        {
            double peak = state.Peak;
            state.Peak = Math.Max(peak * _o.RepeatDecay, score);
            if (score < peak) score *= _o.RepeatDamping;
        }

        for (int m = 0; m < ModelCount; m++)
        {
            if (double.IsNaN(predictions[m])) continue;
            double a = Math.Max(_o.ScaleAlpha, 1.0 / (state.ModelSamples[m] + 1));
            double limit = _o.HuberK * MadToSigma * Math.Max(state.ModelError[m], floor);
            state.ModelError[m] += a * (Math.Min(Math.Abs(value - predictions[m]), limit) - state.ModelError[m]);
            state.ModelSamples[m]++;
        }
        Learn(state, value, hourOfDay, hourOfWeek);
        state.Count++;
        state.Last = time;
        return new AnomalyReading(score, expected, deviation, ModelNames[chosen]);
    }

    // after an alarm, the same event goes on scoring high for a while: NAB counts every such row outside a window as
    // a false positive (and only the first inside one), an operator reads them as noise
    private double Hold(AnomalySeriesState s, double score)
    {
        if (_o.AlarmBurden > 0)
        {
            score *= Math.Pow(1 - _o.AlarmBurden, s.Alarms);
            s.Alarms *= 1 - _o.AlarmAlpha;
        }
        if (_o.HoldLevel > 1) return score;
        if (s.HoldRemaining > 0)
        {
            s.HoldRemaining--;
            if (score < s.HoldScore * _o.HoldBreakRatio) return 0;
        }
        if (score >= _o.HoldLevel)
        {
            s.HoldRemaining = s.Horizon > 0 && _o.HoldShareOfHorizon > 0 ? (int)Math.Round(_o.HoldShareOfHorizon * s.Horizon) : _o.HoldSamples;
            s.HoldScore = score;
            s.Alarms += 1;
        }
        return score;
    }

    private static double Deviation(double value, double prediction, double scale, double floor) =>
        Math.Abs(value - prediction) / (MadToSigma * Math.Max(scale, floor));

    // How rare a deviation this large has been on this series: the share of past deviations at least as large (a
    // decaying histogram over half-octaves), with a heavy-tailed prior so that a deviation beyond anything seen is
    // still ranked by its size. Score = −log10(p) squashed into [0, 1).
    private double Rarity(double[] histogram, double deviation)
    {
        double position = Math.Clamp((Math.Log2(deviation + 1e-6) + 4) * 2, 0, HistogramBins - 1e-9);
        int bin = (int)position;
        double tail = histogram[bin] * (1 - (position - bin));
        double total = 0;
        for (int b = 0; b < HistogramBins; b++) total += histogram[b];
        for (int b = bin + 1; b < HistogramBins; b++) tail += histogram[b];
        double prior = 1.0 / (1.0 + Math.Pow(deviation / _o.PriorSigmas, _o.PriorTailPower));
        double p = (tail + _o.PriorWeight * prior) / (total + _o.PriorWeight);

        double keep = 1 - _o.HistogramAlpha;
        for (int b = 0; b < HistogramBins; b++) histogram[b] *= keep;
        histogram[bin] += 1;

        double surprise = -Math.Log10(Math.Max(p, 1e-300));
        return surprise / (surprise + _o.RarityHalfDecades);
    }

    // a run of moderate deviations (a level shift, denser spikes) that no single sample shows: the rarity of the
    // short window's mean deviation, against its own history
    private double SustainedRarity(AnomalySeriesState s, double deviation)
    {
        if (_o.ShortWindow <= 1) return 0;
        if (s.Recent.Length != _o.ShortWindow) { s.Recent = new double[_o.ShortWindow]; s.RecentNext = 0; }
        s.Recent[s.RecentNext] = Math.Min(deviation, _o.SaturationSigmas);
        s.RecentNext = (s.RecentNext + 1) % s.Recent.Length;
        double mean = 0;
        foreach (var r in s.Recent) mean += r;
        mean /= s.Recent.Length;
        return _o.SustainedWeight * Rarity(s.SustainedHistogram, mean);
    }

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
        s.LastValue = value;
        Season(s.DailyLevel, s.DailyScale, s.DailyVisits, hourOfDay, s.ModelError[Daily]);
        Season(s.WeeklyLevel, s.WeeklyScale, s.WeeklyVisits, hourOfWeek, s.ModelError[Weekly]);

        void Season(double[] level, double[] scale, int[] visits, int bucket, double modelError)
        {
            int n = visits[bucket];
            if (n == 0) { level[bucket] = value; scale[bucket] = 0; }
            else
            {
                // the bucket's scale is the mean clipped error of its visits at first, then an EWMA
                double limit = _o.HuberK * MadToSigma * Math.Max(Math.Max(scale[bucket], _o.MinBucketScaleShare * modelError), floor);
                double error = Math.Clamp(value - level[bucket], -limit, limit);
                level[bucket] += Math.Max(_o.SeasonAlpha, 1.0 / (n + 1)) * error;
                scale[bucket] += Math.Max(_o.SeasonAlpha, 1.0 / n) * (Math.Abs(error) - scale[bucket]);
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
