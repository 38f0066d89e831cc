using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetOps.Core.Influx;

namespace NetOps.Core.Hosting;

/// <summary>/health entry for the InfluxDB write path: unhealthy (503) with the reason when InfluxDB is unreachable.</summary>
internal sealed class InfluxHealthCheck(IInfluxHealth influx) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await influx.GetStatusAsync(cancellationToken);
        return status.Healthy ? HealthCheckResult.Healthy(status.Reason) : HealthCheckResult.Unhealthy(status.Reason);
    }
}
