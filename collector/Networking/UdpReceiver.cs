using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Networking;

/// <summary>Called for each datagram on the receive thread; must copy what it keeps.</summary>
/// <param name="sourcePort">The sender's UDP port: with the address it names the transport session (flow templates are scoped to it).</param>
public delegate void DatagramHandler(ReadOnlySpan<byte> datagram, IPAddress source, ushort sourcePort);

/// <summary>
/// One UDP port drained by a dedicated thread: a blocking receive into one pinned buffer is the cheapest way to keep
/// up with a busy socket (syslog and flow exporters cannot be slowed down). The sender's address is mapped to a cached
/// <see cref="IPAddress"/>, so a datagram allocates nothing here. Never throws out of the loop.
/// </summary>
public sealed class UdpReceiver : IDisposable
{
    private const int SolSocket = 1, SoRcvBufForce = 33; // Linux <asm-generic/socket.h>
    private readonly string _name;
    private readonly IPAddress _address;
    private readonly int _port;
    private readonly int _receiveBufferBytes;
    private readonly string _portKey;
    private readonly string _bufferKey;
    private readonly DatagramHandler _onDatagram;
    private readonly ILogger _logger;
    private readonly Dictionary<ulong, IPAddress> _addresses = [];
    private Socket? _socket;
    private Thread? _thread;
    private volatile bool _stopping;

    /// <param name="name">Short name for logs and the thread (<c>syslog-udp</c>, <c>netflow</c>).</param>
    /// <param name="portKey">Configuration key of the port, named in the error when it cannot be bound.</param>
    /// <param name="bufferKey">Configuration key of the receive buffer size, named when the kernel gives less.</param>
    public UdpReceiver(string name, IPAddress address, int port, int receiveBufferBytes, string portKey, string bufferKey,
        DatagramHandler onDatagram, ILogger logger)
    {
        _name = name;
        _address = address;
        _port = port;
        _receiveBufferBytes = receiveBufferBytes;
        _portKey = portKey;
        _bufferKey = bufferKey;
        _onDatagram = onDatagram;
        _logger = logger;
    }

    /// <summary>The bound endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    /// <summary>Binds the port and starts the receive thread; a port that cannot be bound is an error naming its key.</summary>
    public void Start()
    {
        var socket = new Socket(_address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (_address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
        SetReceiveBuffer(socket);
        try
        {
            socket.Bind(new IPEndPoint(_address, _port));
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new NetOpsConfigurationException(_portKey, $"{_portKey} {_port}/udp on {_address}: {e.Message}");
        }
        _socket = socket;
        _logger.Listening(_name, socket.LocalEndPoint!);
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = _name };
        _thread.Start();
    }

    private void SetReceiveBuffer(Socket socket)
    {
        int bytes = _receiveBufferBytes;
        try
        {
            // SO_RCVBUFFORCE passes net.core.rmem_max when we have CAP_NET_ADMIN; bursts of 100k+ datagrams/s need it.
            if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException) { }
        if (socket.ReceiveBufferSize < bytes)
        {
            try { socket.ReceiveBufferSize = bytes; } catch (SocketException) { }
        }
        // Linux reports twice the requested size (it counts its bookkeeping).
        if (socket.ReceiveBufferSize < bytes) _logger.SmallReceiveBuffer(socket.ReceiveBufferSize, bytes, _bufferKey);
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
                if (!_stopping) _logger.ListenerFailed(e, _name);
                return;
            }
            // sockaddr_in and sockaddr_in6 both carry the port, big-endian, right after the family
            _onDatagram(buffer.AsSpan(0, n), Source(from), BinaryPrimitives.ReadUInt16BigEndian(from.Buffer.Span[2..4]));
        }
    }

    /// <summary>Maps the sender's socket address to a cached <see cref="IPAddress"/>.</summary>
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

    /// <summary>
    /// Sends one datagram from the bound port (an SNMP inform is answered from the port it reached); false when the
    /// socket is not open or the kernel refused it. Never throws.
    /// </summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        var socket = _socket;
        if (socket is null) return false;
        try
        {
            if (socket.AddressFamily == AddressFamily.InterNetworkV6 && to.AddressFamily == AddressFamily.InterNetwork)
                to = new IPEndPoint(to.Address.MapToIPv6(), to.Port);
            return socket.SendTo(datagram, SocketFlags.None, to) == datagram.Length;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Stop()
    {
        _stopping = true;
        _socket?.Close();
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => _socket?.Dispose();
}
