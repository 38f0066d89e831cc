using System.Net;
using System.Net.Sockets;

namespace NetOps.Collector.Snmp;

/// <summary>Why a request got no usable answer.</summary>
public enum SnmpRequestOutcome
{
    Ok,
    Timeout,
    ErrorStatus,
    /// <summary>
    /// v3: the agent refused the credential (a usmStatsWrongDigests, unknownUserNames, unsupportedSecLevels or
    /// decryptionErrors Report), or answers discovery but never an authenticated request (a wrong key, silently).
    /// </summary>
    AuthFailed,
}

/// <summary>The answer to one request: the response PDU, or why there is none (<paramref name="Reason"/>: which usmStats report).</summary>
public sealed record SnmpResult(SnmpRequestOutcome Outcome, SnmpPdu? Response, int Attempts, string? Reason = null)
{
    /// <summary>A Response PDU: Ok, or ErrorStatus when it carries one.</summary>
    public static SnmpResult Of(SnmpPdu response, int attempts) =>
        new(response.ErrorStatus == 0 ? SnmpRequestOutcome.Ok : SnmpRequestOutcome.ErrorStatus, response, attempts);
}

/// <summary>
/// A v2c manager over one UDP socket: GET and GETBULK with a per-request timeout and retries. Answers are matched by
/// request-id, community and source address; anything else that arrives (late answers, strangers) is counted and dropped.
/// One request at a time per instance (one receive buffer): the poller gives each device poll its own client.
/// </summary>
public sealed class SnmpV2cClient : IDisposable
{
    private readonly SnmpTransport _transport;
    private int _requestId = Random.Shared.Next(1, int.MaxValue / 2);

    public SnmpV2cClient(AddressFamily family = AddressFamily.InterNetwork) => _transport = new SnmpTransport(family);

    /// <summary>Datagrams that were not the awaited answer (unparsable, another request-id, another sender).</summary>
    public long Discarded => _transport.Discarded;

    public Task<SnmpResult> GetAsync(IPEndPoint agent, byte[] community, IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
        => RequestAsync(agent, community, SnmpPduType.GetRequest, 0, 0, oids, timeout, retries, ct);

    public Task<SnmpResult> GetBulkAsync(IPEndPoint agent, byte[] community, int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
        => RequestAsync(agent, community, SnmpPduType.GetBulkRequest, nonRepeaters, maxRepetitions, oids, timeout, retries, ct);

    private async Task<SnmpResult> RequestAsync(IPEndPoint agent, byte[] community, SnmpPduType type, int status, int index,
        IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
    {
        int id = Interlocked.Increment(ref _requestId) & int.MaxValue;
        var request = new SnmpCommunityMessage(SnmpVersion.V2c, community, SnmpPdu.Request(type, id, status, index, oids)).Encode();
        var (answer, attempts) = await _transport.ExchangeAsync(agent, request, (ReadOnlySpan<byte> datagram, out SnmpPdu? pdu) =>
        {
            pdu = SnmpCommunityMessage.TryParse(datagram, out var m, out _) && m!.Pdu.Type == SnmpPduType.Response
                && m.Pdu.RequestId == id && m.Community.AsSpan().SequenceEqual(community) ? m.Pdu : null;
            return pdu is not null;
        }, timeout, retries, ct).ConfigureAwait(false);
        return answer is null ? new SnmpResult(SnmpRequestOutcome.Timeout, null, attempts) : SnmpResult.Of(answer, attempts);
    }

    public void Dispose() => _transport.Dispose();
}
