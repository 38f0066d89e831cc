using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Influx;

namespace NetOps.Collector.Syslog;

/// <summary>
/// Receives syslog datagrams on a dedicated thread (a blocking receive into one buffer is the cheapest way to
/// drain a busy socket) and queues a copy of each. Never throws out of the loop.
/// </summary>
public sealed class SyslogUdpListener : IHostedService, IDisposable
{
    private const int SolSocket = 1, SoRcvBufForce = 33; // Linux <asm-generic/socket.h>
    private readonly SyslogOptions _options;
    private readonly SyslogQueue _queue;
    private readonly SyslogMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<SyslogUdpListener> _logger;
    private readonly Dictionary<ulong, IPAddress> _addresses = [];
    private Socket? _socket;
    private Thread? _thread;
    private volatile bool _stopping;

    public SyslogUdpListener(IOptions<SyslogOptions> options, SyslogQueue queue, SyslogMetrics metrics, TimeProvider time, ILogger<SyslogUdpListener> logger)
    {
        _options = options.Value;
        _queue = queue;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>The bound endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.BindAddress);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        SetReceiveBuffer(socket, _options.ReceiveBufferBytes);
        try
        {
            socket.Bind(new IPEndPoint(address, _options.Port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Collector:Syslog:Port {_options.Port}/udp on {address}: {e.Message}");
        }
        _socket = socket;
        _logger.Listening("udp", socket.LocalEndPoint!);
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "syslog-udp" };
        _thread.Start();
        return Task.CompletedTask;
    }

    private void SetReceiveBuffer(Socket socket, int bytes)
    {
        try
        {
            // SO_RCVBUFFORCE passes net.core.rmem_max when we have CAP_NET_ADMIN; bursts of 100k+ msg/s need it.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException) { }
        if (socket.ReceiveBufferSize < bytes)
        {
            try { socket.ReceiveBufferSize = bytes; } catch (SocketException) { }
        }
        // Linux reports twice the requested size (it counts its bookkeeping).
        if (socket.ReceiveBufferSize < bytes) _logger.SmallReceiveBuffer(socket.ReceiveBufferSize, bytes);
    }

    private void ReceiveLoop()
    {
        var socket = _socket!;
        var buffer = GC.AllocateUninitializedArray<byte>(65_536, pinned: true);
        var from = new SocketAddress(socket.AddressFamily);
        while (!_stopping)
        {
            int n;
            try
            {
                n = socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                if (!_stopping) _logger.ListenerFailed(e, "udp");
                return;
            }

            _metrics.Count(SyslogTransport.Udp, SyslogOutcome.Received);
            if (n == 0) continue;
            var message = RawSyslogMessage.Copy(buffer.AsSpan(0, n), Source(from), Point.ToNanoseconds(_time.GetUtcNow()), SyslogTransport.Udp);
            _queue.TryEnqueue(message);
        }
    }

    /// <summary>Maps the sender's socket address to a cached <see cref="IPAddress"/>, so a datagram allocates none.</summary>
    private IPAddress Source(SocketAddress from)
    {
        var bytes = from.Buffer.Span;
        ulong key;
        if (from.Family == AddressFamily.InterNetwork)
            key = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..8]);
        else if (from.Family == AddressFamily.InterNetworkV6 && bytes.Length >= 24 && bytes[8..18].IndexOfAnyExcept((byte)0) < 0 && bytes[18] == 0xff && bytes[19] == 0xff)
            key = BinaryPrimitives.ReadUInt32BigEndian(bytes[20..24]); // IPv4-mapped on a dual-mode socket
        else
            return ((IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(from)).Address;

        if (_addresses.TryGetValue(key, out var cached)) return cached;
        if (_addresses.Count > 100_000) _addresses.Clear();
        var address = new IPAddress((long)BinaryPrimitives.ReverseEndianness((uint)key));
        _addresses[key] = address;
        return address;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _socket?.Close();
        _thread?.Join(TimeSpan.FromSeconds(5));
        return Task.CompletedTask;
    }

    public void Dispose() => _socket?.Dispose();
}
