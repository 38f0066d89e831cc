using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace NetOps.Collector.Flows;

/// <summary>Healthy while the configured flow listeners are bound; degraded while the queue to the decoder is nearly full.</summary>
internal sealed class FlowHealthCheck(IOptions<FlowOptions> options, FlowListeners listeners, FlowQueue queue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (o.NetFlowPort == 0 && o.IpfixPort == 0) return Task.FromResult(HealthCheckResult.Healthy("flows disabled"));
        if (o.NetFlowPort != 0 && listeners.EndPoint(FlowListenerKind.NetFlow) is null)
            return Task.FromResult(HealthCheckResult.Unhealthy($"NetFlow listener ({FlowOptions.NetFlowPortKey} {o.NetFlowPort}) is not bound"));
        if (o.IpfixPort != 0 && listeners.EndPoint(FlowListenerKind.Ipfix) is null)
            return Task.FromResult(HealthCheckResult.Unhealthy($"IPFIX listener ({FlowOptions.IpfixPortKey} {o.IpfixPort}) is not bound"));
        var data = new Dictionary<string, object> { ["queue"] = queue.Count };
        if (queue.Count > queue.Capacity * 9L / 10)
            return Task.FromResult(HealthCheckResult.Degraded($"flow queue {queue.Count}/{queue.Capacity}: decoding is behind", data: data));
        return Task.FromResult(HealthCheckResult.Healthy($"flows on udp {o.NetFlowPort} (NetFlow) and {o.IpfixPort} (IPFIX)", data));
    }
}
