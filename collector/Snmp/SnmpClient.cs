using System.Net;
using System.Net.Sockets;

namespace NetOps.Collector.Snmp;

/// <summary>Why a request got no usable answer.</summary>
public enum SnmpRequestOutcome
{
    Ok,
    Timeout,
    ErrorStatus,
}

/// <summary>The answer to one request: the response PDU, or why there is none.</summary>
public sealed record SnmpResult(SnmpRequestOutcome Outcome, SnmpPdu? Response, int Attempts);

/// <summary>
/// A v2c manager over one UDP socket: GET and GETBULK with a per-request timeout and retries. Answers are matched by
/// request-id, community and source address; anything else that arrives (late answers, strangers) is counted and dropped.
/// One request at a time per instance (one receive buffer): the poller gives each device poll its own client.
/// </summary>
public sealed class SnmpV2cClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _receive = new byte[65_536];
    private int _requestId = Random.Shared.Next(1, int.MaxValue / 2);

    public SnmpV2cClient(AddressFamily family = AddressFamily.InterNetwork)
    {
        _socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Any, 0));
    }

    /// <summary>Datagrams that were not the awaited answer (unparsable, another request-id, another sender).</summary>
    public long Discarded { get; private set; }

    public Task<SnmpResult> GetAsync(IPEndPoint agent, byte[] community, IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
        => RequestAsync(agent, community, SnmpPduType.GetRequest, 0, 0, oids, timeout, retries, ct);

    public Task<SnmpResult> GetBulkAsync(IPEndPoint agent, byte[] community, int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
        => RequestAsync(agent, community, SnmpPduType.GetBulkRequest, nonRepeaters, maxRepetitions, oids, timeout, retries, ct);

    private async Task<SnmpResult> RequestAsync(IPEndPoint agent, byte[] community, SnmpPduType type, int status, int index,
        IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
    {
        int id = Interlocked.Increment(ref _requestId) & int.MaxValue;
        var pdu = new SnmpPdu(type, id, status, index, oids.Select(o => new VarBind(o, SnmpValue.Null)).ToList());
        var request = new SnmpCommunityMessage(SnmpVersion.V2c, community, pdu).Encode();
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
                    if (got.RemoteEndPoint is IPEndPoint from && from.Equals(agent)
                        && SnmpCommunityMessage.TryParse(_receive.AsSpan(0, got.ReceivedBytes), out var answer, out _)
                        && answer!.Pdu.Type == SnmpPduType.Response && answer.Pdu.RequestId == id
                        && answer.Community.AsSpan().SequenceEqual(community))
                    {
                        var outcome = answer.Pdu.ErrorStatus == 0 ? SnmpRequestOutcome.Ok : SnmpRequestOutcome.ErrorStatus;
                        return new SnmpResult(outcome, answer.Pdu, attempt);
                    }
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
        return new SnmpResult(SnmpRequestOutcome.Timeout, null, retries + 1);
    }

    public void Dispose() => _socket.Dispose();
}
