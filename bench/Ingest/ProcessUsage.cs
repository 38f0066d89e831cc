namespace NetOps.Bench.Ingest;

/// <summary>A peer's resource use over a measured run.</summary>
/// <param name="PeakRssBytes">VmHWM: the kernel's high-water mark of resident memory since the process started.</param>
/// <param name="MaxSampledRssBytes">The largest VmRSS seen, sampled every 200 ms during the run.</param>
/// <param name="CpuTime">User + system CPU time spent during the run.</param>
public sealed record ProcessUsage(long PeakRssBytes, long MaxSampledRssBytes, TimeSpan CpuTime)
{
    public static ProcessUsage None { get; } = new(0, 0, TimeSpan.Zero);
}
