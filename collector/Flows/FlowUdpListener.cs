using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NetOps.Core.Influx;

namespace NetOps.Collector.Flows;

/// <summary>
/// Receives export datagrams on one UDP port on a dedicated thread (a blocking receive into one buffer is the cheapest
/// way to drain a busy socket) and queues a copy of each with its receive time. Never throws out of the loop.
/// </summary>
public sealed class FlowUdpListener : IDisposable
{
    private const int SolSocket = 1, SoRcvBufForce = 33; // Linux <asm-generic/socket.h>
    private readonly FlowListenerKind _kind;
    private readonly IPAddress _address;
    private readonly int _port;
    private readonly int _receiveBufferBytes;
    private readonly FlowQueue _queue;
    private readonly FlowPipelineMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<ulong, IPAddress> _addresses = [];
    private Socket? _socket;
    private Thread? _thread;
    private volatile bool _stopping;

    public FlowUdpListener(FlowListenerKind kind, IPAddress address, int port, int receiveBufferBytes, FlowQueue queue,
        FlowPipelineMetrics metrics, TimeProvider time, ILogger logger)
    {
        _kind = kind;
        _address = address;
        _port = port;
        _receiveBufferBytes = receiveBufferBytes;
        _queue = queue;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public FlowListenerKind Kind => _kind;

    /// <summary>The bound endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    /// <summary>Binds the port and starts the receive thread; the error names the key when the port is taken.</summary>
    public void Start()
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (_address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        SetReceiveBuffer(socket, _receiveBufferBytes);
        try
        {
            socket.Bind(new IPEndPoint(_address, _port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            string key = _kind == FlowListenerKind.NetFlow ? FlowOptions.NetFlowPortKey : FlowOptions.IpfixPortKey;
            throw new InvalidOperationException($"{key} {_port}/udp on {_address}: {e.Message}");
        }
        _socket = socket;
        _logger.Listening(_kind, socket.LocalEndPoint!);
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"flow-udp-{_kind.ToString().ToLowerInvariant()}" };
        _thread.Start();
    }

    private void SetReceiveBuffer(Socket socket, int bytes)
    {
        try
        {
            // SO_RCVBUFFORCE passes net.core.rmem_max when we have CAP_NET_ADMIN; exporters send in bursts at each flush.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException) { }
        if (socket.ReceiveBufferSize < bytes)
        {
            try { socket.ReceiveBufferSize = bytes; } catch (SocketException) { }
        }
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
                if (!_stopping) _logger.ListenerFailed(e, _kind);
                return;
            }

            _metrics.Received(_kind);
            if (n == 0) continue;
            _queue.TryEnqueue(FlowDatagram.Copy(buffer.AsSpan(0, n), Source(from), Point.ToNanoseconds(_time.GetUtcNow()), _kind));
        }
    }

    /// <summary>Maps the exporter's socket address to a cached <see cref="IPAddress"/>, so a datagram allocates none.</summary>
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

    public void Stop()
    {
        _stopping = true;
        _socket?.Close();
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _socket?.Dispose();
}
