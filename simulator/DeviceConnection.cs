using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetOps.Simulator;

/// <summary>
/// One device's sockets: UDP, and TCP with octet-counting framing (RFC 6587) for the devices that use it, both
/// bound to the device's own loopback address so that the collector sees the inventory's source address.
/// </summary>
public sealed class DeviceConnection(SimulatedDevice device, IPEndPoint target, bool bindSource, SimulatorStats stats, TimeProvider time)
    : IAsyncDisposable
{
    private static readonly TimeSpan TcpRetryDelay = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _tcpLock = new(1, 1);
    private Socket? _udp;
    private Socket? _tcp;
    private DateTimeOffset _tcpRetryAt;

    /// <summary>Set once a TCP connection failed; the sender reports it once.</summary>
    public string? LastTcpError { get; private set; }

    public async ValueTask SendAsync(string message, CancellationToken cancellationToken)
    {
        if (device.UseTcp && time.GetUtcNow() >= _tcpRetryAt && await TrySendTcpAsync(message, cancellationToken))
        {
            stats.SentTcp();
            return;
        }
        if (device.UseTcp) stats.FellBackToUdp();
        byte[] bytes = Encoding.UTF8.GetBytes(message);
        try
        {
            _udp ??= Open(SocketType.Dgram, ProtocolType.Udp);
            await _udp.SendToAsync(bytes, SocketFlags.None, target, cancellationToken);
            stats.SentUdp();
        }
        catch (SocketException)
        {
            // e.g. an ICMP port unreachable reported on the next send while the collector restarts
            stats.Failed();
        }
    }

    private async ValueTask<bool> TrySendTcpAsync(string message, CancellationToken cancellationToken)
    {
        await _tcpLock.WaitAsync(cancellationToken);
        byte[]? buffer = null;
        try
        {
            if (_tcp is null)
            {
                var socket = Open(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
                    await socket.ConnectAsync(target, linked.Token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                socket.NoDelay = true;
                _tcp = socket;
            }
            int length = Encoding.UTF8.GetByteCount(message);
            string prefix = length.ToString(CultureInfo.InvariantCulture) + " ";
            buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + length);
            int written = Encoding.ASCII.GetBytes(prefix, buffer);
            written += Encoding.UTF8.GetBytes(message, buffer.AsSpan(written));
            await _tcp.SendAsync(buffer.AsMemory(0, written), SocketFlags.None, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastTcpError = e.Message;
            _tcp?.Dispose();
            _tcp = null;
            _tcpRetryAt = time.GetUtcNow() + TcpRetryDelay;
            return false;
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
            _tcpLock.Release();
        }
    }

    private Socket Open(SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(target.AddressFamily, type, protocol);
        if (bindSource)
        {
            try { socket.Bind(new IPEndPoint(device.Address, 0)); }
            catch (SocketException)
            {
                // Not Linux, or no 127/8 on lo: send from the default address (the collector then sees 127.0.0.1
                // and must find the device by its hostname).
            }
        }
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _tcpLock.WaitAsync();
        try
        {
            if (_tcp is not null)
            {
                try { _tcp.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
                _tcp.Dispose();
            }
            _udp?.Dispose();
        }
        finally
        {
            _tcpLock.Release();
            _tcpLock.Dispose();
        }
    }
}
