namespace NetOps.Analyzer.Tests.Anomaly;

/// <summary>
/// Synthetic town-hall traffic: office hours on weekdays (08:30–17:30 JST), a trickle at night and at weekends,
/// multiplicative noise from a seeded generator (so a test sees the same week every run).
/// </summary>
public sealed class WeeklyTraffic(int seed, double dailyPeak = 4_000_000)
{
    private readonly Random _random = new(seed);

    /// <summary>Bytes in the sample that starts at <paramref name="localTime"/> (JST).</summary>
    public double Bytes(DateTime localTime)
    {
        double hour = localTime.Hour + localTime.Minute / 60.0;
        bool weekday = localTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        double office = weekday && hour >= 8.5 && hour < 17.5 ? Math.Sin(Math.PI * (hour - 8.5) / 9.0) : 0;
        double baseline = 0.05 * dailyPeak + 0.95 * dailyPeak * office * (0.6 + 0.4 * office);
        return baseline * (1 + 0.08 * Gaussian());
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
