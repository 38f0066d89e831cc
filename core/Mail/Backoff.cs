namespace NetOps.Core.Mail;

/// <summary>
/// The wait before the next try after a 4xx reply or a timeout: <c>RetryInitialSeconds × 2^(attempts−1)</c>, at most
/// <c>RetryMaxSeconds</c>. No jitter: the sender paces its sends anyway, and a fixed schedule is what an operator reads.
/// </summary>
public static class Backoff
{
    /// <summary>The wait after the <paramref name="attempts"/>-th failed try (1 for the first).</summary>
    public static TimeSpan After(int attempts, TimeSpan initial, TimeSpan max)
    {
        if (attempts < 1) attempts = 1;
        // 2^62 overflows a TimeSpan long before; the cap decides anyway.
        double factor = Math.Pow(2, Math.Min(attempts - 1, 40));
        double seconds = Math.Min(initial.TotalSeconds * factor, max.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }
}
