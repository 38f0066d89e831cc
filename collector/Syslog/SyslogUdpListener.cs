using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Networking;
using NetOps.Core.Influx;

namespace NetOps.Collector.Syslog;

/// <summary>Syslog over UDP: each datagram is one message, counted as received and queued (or counted as dropped).</summary>
public sealed class SyslogUdpListener : IHostedService, IDisposable
{
    private readonly SyslogQueue _queue;
    private readonly SyslogMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly UdpReceiver _receiver;

    public SyslogUdpListener(IOptions<SyslogOptions> options, SyslogQueue queue, SyslogMetrics metrics, TimeProvider time, ILogger<SyslogUdpListener> logger)
    {
        var o = options.Value;
        _queue = queue;
        _metrics = metrics;
        _time = time;
        _receiver = new UdpReceiver("syslog-udp", IPAddress.Parse(o.BindAddress), o.Port, o.ReceiveBufferBytes,
            "Collector:Syslog:Port", "Collector:Syslog:ReceiveBufferBytes", OnDatagram, logger);
    }

    /// <summary>The bound endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => _receiver.LocalEndPoint;

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPAddress source, ushort sourcePort)
    {
        _metrics.Count(SyslogTransport.Udp, SyslogOutcome.Received);
        if (datagram.IsEmpty) return;
        _queue.TryEnqueue(RawSyslogMessage.Copy(datagram, source, Point.ToNanoseconds(_time.GetUtcNow()), SyslogTransport.Udp));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _receiver.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _receiver.Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => _receiver.Dispose();
}
