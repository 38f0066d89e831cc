using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NetOps.Core.Hosting;

/// <summary>/health entry <c>loops</c>: unhealthy (503) naming each part whose loop has ended or keeps failing.</summary>
internal sealed class BackgroundLoopsHealthCheck(BackgroundLoops loops) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var all = loops.All;
        var problems = all.Select(l => l.Problem).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{all.Count} background loops running")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
    }
}
