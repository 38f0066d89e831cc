using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NetOps.Collector.Syslog;

/// <summary>Healthy while the configured listeners are bound; degraded while the queue is nearly full.</summary>
internal sealed class SyslogHealthCheck(IOptions<SyslogOptions> options, SyslogUdpListener udp, SyslogStreamListener stream, SyslogQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.Enabled) return Task.FromResult(HealthCheckResult.Healthy("syslog disabled"));
        if (o.Udp && udp.LocalEndPoint is null) return Task.FromResult(HealthCheckResult.Unhealthy("syslog UDP listener is not bound"));
        if (o.Tcp && stream.TcpEndPoint is null) return Task.FromResult(HealthCheckResult.Unhealthy("syslog TCP listener is not bound"));
        var data = new Dictionary<string, object> { ["queue"] = queue.Count, ["connections"] = stream.OpenConnections };
        if (queue.Count > o.QueueCapacity * 9L / 10)
            return Task.FromResult(HealthCheckResult.Degraded($"syslog queue {queue.Count}/{o.QueueCapacity}: processing is behind", data: data));
        return Task.FromResult(HealthCheckResult.Healthy($"syslog on port {o.Port}", data));
    }
}
