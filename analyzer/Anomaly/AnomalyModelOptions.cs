using System.ComponentModel.DataAnnotations;

namespace NetOps.Analyzer.Anomaly;

/// <summary>
/// The streaming model's parameters (<c>Analyzer:Anomaly:Model</c>). One set for every series: the NAB bench runs
/// the defaults on all 58 files, and the network detector runs them on every site and line. Time constants are in
/// samples (one sample per analysis window on the network).
/// </summary>
public sealed class AnomalyModelOptions
{
    /// <summary>Weight of a new sample in the slow robust level (Huber-clipped EWMA).</summary>
    [Range(1e-5, 1)] public double LevelAlpha { get; set; } = 0.028555;

    /// <summary>Weight of a new sample in the error scales (EWMA of clipped absolute errors).</summary>
    [Range(1e-5, 1)] public double ScaleAlpha { get; set; } = 0.00297;

    /// <summary>Weight of a new visit in a seasonal bucket (hour of day, hour of week).</summary>
    [Range(1e-5, 1)] public double SeasonAlpha { get; set; } = 0.10763;

    /// <summary>Errors are clipped at this many scales before they move a baseline, so one outlier cannot drag it.</summary>
    [Range(1, 20)] public double HuberK { get; set; } = 3;

    /// <summary>Samples before the model scores anything (cold start); NAB's shortest probation is 168 rows.</summary>
    [Range(2, 100_000)] public int WarmupSamples { get; set; } = 147;

    /// <summary>Predictions a baseline must have made before its track record counts.</summary>
    [Range(1, 100_000)] public int MinModelSamples { get; set; } = 49;

    /// <summary>A seasonal bucket's scale is at least this share of its baseline's overall error (1: use the overall error only).</summary>
    [Range(0, 1)] public double MinBucketScaleShare { get; set; } = 1;

    /// <summary>A value beyond the series' observed range by this share of the range counts as at least <see cref="BeyondRangeSigmas"/>; 0 turns it off.</summary>
    [Range(0, 100)] public double BeyondRangeMargin { get; set; } = 0.052002;

    [Range(0, 1e6)] public double BeyondRangeSigmas { get; set; } = 10_000;

    /// <summary>Deviations below this many scales are noise and score 0.</summary>
    [Range(0, 100)] public double NoiseSigmas { get; set; } = 2;

    /// <summary>Deviations of this many scales and more score 1 before the likelihood step.</summary>
    [Range(0.1, 1000)] public double SaturationSigmas { get; set; } = 10.285;

    /// <summary>How a deviation becomes a score: its rarity on this series (default) or Numenta-style likelihood.</summary>
    public AnomalyScoring Scoring { get; set; } = AnomalyScoring.Rarity;

    /// <summary>Weight of a new deviation in the rarity histogram (its memory is about 1 / alpha samples).</summary>
    [Range(1e-6, 1)] public double HistogramAlpha { get; set; } = 0.01;

    /// <summary>Pseudo-samples of the heavy-tailed prior in the rarity estimate.</summary>
    [Range(1e-6, 1e6)] public double PriorWeight { get; set; } = 9.8783;

    /// <summary>The prior says P(deviation ≥ d) = 1 / (1 + (d / PriorSigmas)^PriorTailPower).</summary>
    [Range(0.01, 100)] public double PriorSigmas { get; set; } = 1.0513;

    [Range(0.1, 20)] public double PriorTailPower { get; set; } = 4;

    /// <summary>Rarity (−log10 p) that scores 0.5.</summary>
    [Range(0.01, 100)] public double RarityHalfDecades { get; set; } = 3;

    /// <summary>Per-sample decay of the recent peak score; 0 turns repeat damping off.</summary>
    [Range(0, 1)] public double RepeatDecay { get; set; } = 0.99825;

    /// <summary>A score below the recent peak is multiplied by this.</summary>
    [Range(0, 1)] public double RepeatDamping { get; set; } = 0.47806;

    /// <summary>
    /// A score at or above this is an alarm, and for a while after it (<see cref="HoldSamples"/>) the model reports
    /// nothing unless it beats that alarm: one event, one alarm. Above 1 turns the hold off.
    /// </summary>
    [Range(0, 1.1)] public double HoldLevel { get; set; } = 0.55;

    /// <summary>Samples an alarm holds back the next one, when the learning period is not known.</summary>
    [Range(0, 1_000_000)] public int HoldSamples { get; set; } = 122;

    /// <summary>The hold as a share of the learning period, when it is known (<see cref="AnomalySeriesState.Horizon"/>); 0: use <see cref="HoldSamples"/>.</summary>
    [Range(0, 100)] public double HoldShareOfHorizon { get; set; }

    /// <summary>During a hold, a score above the alarm's by this factor is a new alarm (above 1.1/HoldLevel: never).</summary>
    [Range(0, 100)] public double HoldBreakRatio { get; set; } = 100;

    /// <summary>When the learning period is known, scores up to this share of it past its end are multiplied by <see cref="YoungFactor"/>; 0 turns it off.</summary>
    [Range(0, 100)] public double YoungShare { get; set; } = 0.50285;

    [Range(0, 1)] public double YoungFactor { get; set; } = 0.90401;

    /// <summary>Samples per step of the coarse scale when the learning period is not known; 1 turns the coarse scale off.</summary>
    [Range(1, 100_000)] public int CoarseSamples { get; set; } = 1;

    /// <summary>When the learning period is known, the coarse step is the period divided by this (0: use <see cref="CoarseSamples"/>).</summary>
    [Range(0, 100_000)] public double CoarseStepsPerHorizon { get; set; } = 123.75;

    /// <summary>The coarse sample is the step's sample furthest from the level (true) or the step's mean (false).</summary>
    public bool CoarseExtreme { get; set; }

    /// <summary>Weight of the coarse scale's score beside the sample scale's (the larger of the two counts).</summary>
    [Range(0, 1)] public double CoarseWeight { get; set; } = 0.93655;

    /// <summary>Coarse samples before the coarse scale scores anything.</summary>
    [Range(2, 100_000)] public int CoarseWarmupSamples { get; set; } = 46;

    /// <summary>Predictions a coarse baseline must have made before its track record counts.</summary>
    [Range(1, 100_000)] public int CoarseMinModelSamples { get; set; } = 21;

    /// <summary>
    /// Bands the value range is cut into for the band novelty score (a value in a band, or a move between two bands,
    /// that the series has rarely shown); 0 turns it off. The range is the known one if the caller has it.
    /// </summary>
    [Range(0, 64)] public int Bands { get; set; } = 14;

    /// <summary>Pseudo-visits per band (and per band pair) before any sample: how much the first visit surprises.</summary>
    [Range(1e-6, 1000)] public double BandPrior { get; set; } = 0.01;

    /// <summary>Per-sample decay of the band visit counts (0: they never forget).</summary>
    [Range(0, 1)] public double BandAlpha { get; set; }

    /// <summary>Band rarity (−log10 p) that scores 0.5.</summary>
    [Range(0.01, 100)] public double BandHalfDecades { get; set; } = 3;

    /// <summary>Weight of the band novelty beside the baselines' score (the larger counts).</summary>
    [Range(0, 1)] public double BandWeight { get; set; } = 1;

    /// <summary>Weight of the band pair's rarity beside the band's own (0: bands only).</summary>
    [Range(0, 1)] public double BandPairWeight { get; set; }

    /// <summary>
    /// A deviation smaller than this share of the value range (the known one if the caller has it) scores less, in
    /// proportion (to the power <see cref="RangeGatePower"/>): a spike that is rare for a quiet stretch but small
    /// beside what the series does is not an event. 0 turns it off.
    /// </summary>
    [Range(0, 1)] public double RangeGate { get; set; } = 0.1;

    [Range(0, 10)] public double RangeGatePower { get; set; } = 0.7;

    /// <summary>
    /// Each past alarm (decaying, <see cref="AlarmAlpha"/>) multiplies the score by (1 − this): on a series that
    /// alarms again and again, the next alarm is less news. 0 turns it off.
    /// </summary>
    [Range(0, 1)] public double AlarmBurden { get; set; }

    /// <summary>Per-sample decay of the alarm count.</summary>
    [Range(0, 1)] public double AlarmAlpha { get; set; } = 0.0005;

    /// <summary>Weight (≤ 1) of the sustained-deviation score beside the single-sample one.</summary>
    [Range(0, 1)] public double SustainedWeight { get; set; } = 0.98479;

    /// <summary>Samples in the short average of raw surprise that the likelihood judges.</summary>
    [Range(1, 1000)] public int ShortWindow { get; set; } = 5;

    /// <summary>Weight of a new sample in the long-run mean and variance of the short average.</summary>
    [Range(1e-6, 1)] public double LongAlpha { get; set; } = 0.002;

    /// <summary>Floor of the long-run standard deviation of the short average, so a quiet series is not infinitely sensitive.</summary>
    [Range(1e-9, 1)] public double MinLikelihoodSigma { get; set; } = 0.01;

    /// <summary>The likelihood's z (long-run sigmas of the short average above its mean) that scores 0.5.</summary>
    [Range(0.01, 1000)] public double LikelihoodHalfSigmas { get; set; } = 5;

    /// <summary>A scale is at least this share of the series' observed range (a flat series still has a scale).</summary>
    [Range(0, 1)] public double MinScaleOfRange { get; set; } = 0.001;

    /// <summary>Seasonal buckets are used only for series sampled at least this often.</summary>
    [Range(1, 86_400)] public double MaxSeasonalIntervalSeconds { get; set; } = 3600;

    internal AnomalyModelOptions Copy() => (AnomalyModelOptions)MemberwiseClone();
}
