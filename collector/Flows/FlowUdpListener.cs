using System.Net;
using Microsoft.Extensions.Logging;
using NetOps.Collector.Networking;
using NetOps.Core.Influx;

namespace NetOps.Collector.Flows;

/// <summary>Receives export datagrams on one UDP port and queues a copy of each with its receive time.</summary>
public sealed class FlowUdpListener : IDisposable
{
    private readonly FlowListenerKind _kind;
    private readonly FlowQueue _queue;
    private readonly FlowPipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly UdpReceiver _receiver;

    public FlowUdpListener(FlowListenerKind kind, IPAddress address, int port, int receiveBufferBytes, FlowQueue queue,
        FlowPipelineMetrics metrics, TimeProvider time, ILogger logger)
    {
        _kind = kind;
        _queue = queue;
        _metrics = metrics;
        _time = time;
        string key = kind == FlowListenerKind.NetFlow ? FlowOptions.NetFlowPortKey : FlowOptions.IpfixPortKey;
        _receiver = new UdpReceiver(kind.ToString().ToLowerInvariant(), address, port, receiveBufferBytes, key,
            "Collector:Flows:ReceiveBufferBytes", OnDatagram, logger);
    }

    public FlowListenerKind Kind => _kind;

    /// <summary>The bound endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => _receiver.LocalEndPoint;

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPAddress source, ushort sourcePort)
    {
        _metrics.Received(_kind);
        if (datagram.IsEmpty) return;
        _queue.TryEnqueue(FlowDatagram.Copy(datagram, source, Point.ToNanoseconds(_time.GetUtcNow()), _kind, sourcePort));
    }

    /// <summary>Binds the port and starts the receive thread; the error names the key when the port is taken.</summary>
    public void Start() => _receiver.Start();

    public void Stop() => _receiver.Stop();

    public void Dispose() => _receiver.Dispose();
}
