using System.Net;
using System.Net.Sockets;

namespace NetOps.Integration.Tests.Flows;

/// <summary>
/// Receives export datagrams on 127.0.0.1 and forwards each, byte for byte, to every target from one socket bound to
/// 127.0.0.1: both receivers get the very same datagrams from the same exporter address.
/// </summary>
public sealed class UdpFanOut : IAsyncDisposable
{
    private readonly Socket _in = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _out = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint[] _targets;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _forwarded, _lastAtMs;

    public UdpFanOut(params IPEndPoint[] targets)
    {
        _targets = targets;
        _in.ReceiveBufferSize = 16 << 20;
        _in.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _out.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(LoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_in.LocalEndPoint!;

    public long Forwarded => Interlocked.Read(ref _forwarded);

    private async Task LoopAsync()
    {
        var buffer = new byte[65_536];
        try
        {
            while (true)
            {
                var r = await _in.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
                foreach (var target in _targets)
                {
                    await _out.SendToAsync(buffer.AsMemory(0, r.ReceivedBytes), SocketFlags.None, target, _stop.Token);
                }
                Interlocked.Increment(ref _forwarded);
                Interlocked.Exchange(ref _lastAtMs, Environment.TickCount64);
                // the receivers are local processes with deep buffers; a short pause every so often keeps a burst within them
                if (Forwarded % 64 == 0) await Task.Delay(1);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/> (after at least one datagram).</summary>
    public async Task WaitQuietAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Forwarded > 0 && Environment.TickCount64 - Interlocked.Read(ref _lastAtMs) >= quiet.TotalMilliseconds) return;
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _in.Dispose();
        _out.Dispose();
    }
}
