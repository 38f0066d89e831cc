namespace NetOps.Analyzer.Attacks;

/// <summary><c>Analyzer:Attacks:BruteForce</c>: a burst of <c>auth_fail</c> events against one device.</summary>
public sealed class BruteForceOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>…:BucketSeconds</c>: failures are counted per device and bucket.</summary>
    public int BucketSeconds { get; set; } = 60;

    /// <summary><c>…:MinFailures</c>: failures of one device in one bucket, the floor.</summary>
    public int MinFailures { get; set; } = 20;

    /// <summary><c>…:SampleEvents</c>: events read per device to name the sources and users (LIMIT per series).</summary>
    public int SampleEvents { get; set; } = 200;
}
