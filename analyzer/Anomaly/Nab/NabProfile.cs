namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// One of NAB's application profiles (<c>config/profiles.json</c>): the weight of a true positive, of a false positive
/// and of a missed window. NAB's <c>tnWeight</c> is left out on purpose: no NAB code reads it (NOTES.md §6).
/// </summary>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary><c>standard</c>: A_TP 1, A_FP 0.11, A_FN 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    /// <summary><c>reward_low_FP_rate</c>: A_TP 1, A_FP 0.22, A_FN 1.</summary>
    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /// <summary><c>reward_low_FN_rate</c>: A_TP 1, A_FP 0.11, A_FN 2.</summary>
    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>The three profiles in NAB's order of the scoreboard.</summary>
    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
