using System.Net;
using System.Net.Sockets;

namespace NetOps.Collector.Snmp;

/// <summary>Decides whether a datagram is the awaited answer; false discards it (counted) and keeps waiting.</summary>
public delegate bool SnmpAnswerMatcher<T>(ReadOnlySpan<byte> datagram, out T? answer);

/// <summary>
/// One manager UDP socket: sends a request and waits for the datagram a matcher accepts, from the agent's address,
/// resending after each timeout. Anything else that arrives (late answers, strangers) is counted in
/// <see cref="Discarded"/>. One exchange at a time (one receive buffer).
/// </summary>
public sealed class SnmpTransport : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _receive = new byte[65_536];

    public SnmpTransport(AddressFamily family = AddressFamily.InterNetwork)
    {
        _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Any, 0));
    }

    /// <summary>Datagrams that were not the awaited answer (unparsable, another request, another sender).</summary>
    public long Discarded { get; private set; }

    /// <summary>The accepted answer and the attempt it came on, or (default, attempts made) after the last timeout.</summary>
    public async Task<(T? Answer, int Attempts)> ExchangeAsync<T>(IPEndPoint agent, byte[] request, SnmpAnswerMatcher<T> match,
        TimeSpan timeout, int retries, CancellationToken ct) where T : class
    {
        for (int attempt = 1; attempt <= retries + 1; attempt++)
        {
            await _socket.SendToAsync(request, SocketFlags.None, agent, ct).ConfigureAwait(false);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    var got = await _socket.ReceiveFromAsync(_receive, SocketFlags.None, new IPEndPoint(agent.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cts.Token).ConfigureAwait(false);
                    if (got.RemoteEndPoint is IPEndPoint from && from.Equals(agent) && match(_receive.AsSpan(0, got.ReceivedBytes), out var answer) && answer is not null)
                        return (answer, attempt);
                    Discarded++;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // this attempt timed out; the next one resends
            }
            catch (SocketException) when (!ct.IsCancellationRequested)
            {
                // An ICMP port unreachable can surface as a reset: it is no answer for this attempt, but resending at
                // once would turn the retries into a burst. Wait out the attempt's timeout as for silence.
                try { await Task.Delay(Timeout.InfiniteTimeSpan, cts.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
        }
        return (null, retries + 1);
    }

    public void Dispose() => _socket.Dispose();
}
