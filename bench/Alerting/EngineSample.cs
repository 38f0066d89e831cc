namespace NetOps.Bench.Alerting;

/// <summary>
/// The engine's work at one moment: passes run and their total time (<c>netops_alerting_pass_seconds</c>) and the
/// host's CPU time. Two samples give a phase's passes per second and CPU use, which show an engine that spins.
/// </summary>
public sealed record EngineSample(TimeSpan Wall, double Passes, double PassSeconds, TimeSpan Cpu)
{
    public static async Task<EngineSample> TakeAsync(AlertingHostPeer host, HttpClient http, System.Diagnostics.Stopwatch wall, CancellationToken cancellationToken) =>
        new(wall.Elapsed,
            await host.MetricAsync(http, "netops_alerting_pass_seconds_count", cancellationToken),
            await host.MetricAsync(http, "netops_alerting_pass_seconds_sum", cancellationToken),
            host.CpuTime());
}
