using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NetOps.Collector.Flows;

/// <summary>The NetFlow and IPFIX UDP listeners (a port of 0 has none), started and stopped together.</summary>
public sealed class FlowListeners : IHostedService, IDisposable
{
    public FlowListeners(IOptions<FlowOptions> options, FlowQueue queue, FlowPipelineMetrics metrics, TimeProvider time, ILogger<FlowUdpListener> logger)
    {
        var o = options.Value;
        var address = IPAddress.Parse(o.BindAddress);
        var list = new List<FlowUdpListener>(2);
        if (o.NetFlowPort != 0) list.Add(new FlowUdpListener(FlowListenerKind.NetFlow, address, o.NetFlowPort, o.ReceiveBufferBytes, queue, metrics, time, logger));
        if (o.IpfixPort != 0) list.Add(new FlowUdpListener(FlowListenerKind.Ipfix, address, o.IpfixPort, o.ReceiveBufferBytes, queue, metrics, time, logger));
        All = list;
    }

    public IReadOnlyList<FlowUdpListener> All { get; }

    /// <summary>The bound endpoint of a listener, or null when it is off or not bound.</summary>
    public IPEndPoint? EndPoint(FlowListenerKind kind) => All.FirstOrDefault(l => l.Kind == kind)?.LocalEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in All) listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in All) listener.Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var listener in All) listener.Dispose();
    }
}
