using System.Net;
using System.Net.Sockets;

namespace NetOps.Collector.Snmp;

/// <summary>
/// A v3 (USM) manager over one UDP socket: GET and GETBULK for one user and one agent. The agent's engine is
/// discovered first (an empty request answered by a usmStatsUnknownEngineIDs Report, RFC 3414 §4) and kept in the
/// <see cref="UsmPeer"/> the caller holds across polls; a notInTimeWindow Report resynchronises the clock and the
/// request is sent once more. A Report that refuses the credential (wrong digest, unknown user, security level,
/// decryption) ends the request at once as <see cref="SnmpRequestOutcome.AuthFailed"/>, without retries; so does
/// silence to authenticated requests from an agent that answers discovery (net-snmp drops a bad digest silently when
/// the request is not reportable). One request at a time per instance.
/// </summary>
public sealed class SnmpV3Client : IDisposable
{
    private readonly SnmpTransport _transport;
    private readonly UsmUser _user;
    private readonly UsmPeer _peer;
    private int _messageId = Random.Shared.Next(1, int.MaxValue / 2);
    private int _requestId = Random.Shared.Next(1, int.MaxValue / 2);
    private ulong _salt = (ulong)Random.Shared.NextInt64();

    public SnmpV3Client(UsmUser user, UsmPeer peer, AddressFamily family = AddressFamily.InterNetwork)
    {
        _user = user;
        _peer = peer;
        _transport = new SnmpTransport(family);
    }

    /// <summary>Datagrams that were not the awaited answer (unparsable, another message, failed authentication, another sender).</summary>
    public long Discarded => _transport.Discarded;

    public Task<SnmpResult> GetAsync(IPEndPoint agent, IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
        => RequestAsync(agent, SnmpPduType.GetRequest, 0, 0, oids, timeout, retries, ct);

    public Task<SnmpResult> GetBulkAsync(IPEndPoint agent, int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
        => RequestAsync(agent, SnmpPduType.GetBulkRequest, nonRepeaters, maxRepetitions, oids, timeout, retries, ct);

    /// <summary>Discovers the agent's engine ID, boots and time; false when it does not answer.</summary>
    public async Task<bool> DiscoverAsync(IPEndPoint agent, TimeSpan timeout, int retries, CancellationToken ct)
    {
        int id = NextMessageId();
        var probe = new ScopedPdu([], [], SnmpPdu.Request(SnmpPduType.GetRequest, NextRequestId(), 0, 0, []));
        var request = UsmSecurity.Seal(probe, id, SnmpV3Flags.Reportable, null, null, [], 0, 0, 0);
        var (report, _) = await _transport.ExchangeAsync(agent, request, (ReadOnlySpan<byte> datagram, out SnmpV3Message? m) =>
        {
            m = SnmpV3Message.TryParse(datagram, out var parsed, out _) && parsed!.MessageId == id
                && parsed.Scoped?.Pdu.Type == SnmpPduType.Report && parsed.Security.EngineId.Length > 0 ? parsed : null;
            return m is not null;
        }, timeout, retries, ct).ConfigureAwait(false);
        if (report is null) return false;
        _peer.Learn(report.Security.EngineId, report.Security.EngineBoots, report.Security.EngineTime);
        return true;
    }

    private async Task<SnmpResult> RequestAsync(IPEndPoint agent, SnmpPduType type, int status, int index,
        IReadOnlyList<Oid> oids, TimeSpan timeout, int retries, CancellationToken ct)
    {
        bool discovered = false;
        if (_peer.EngineId is null)
        {
            if (!await DiscoverAsync(agent, timeout, retries, ct).ConfigureAwait(false)) return new SnmpResult(SnmpRequestOutcome.Timeout, null, retries + 1);
            discovered = true;
        }
        bool resynced = false;
        int attemptsMade = 0;
        while (true)
        {
            var engineId = _peer.EngineId!;
            var keys = _user.KeysFor(engineId);
            var (boots, time) = _peer.Clock();
            int messageId = NextMessageId();
            int requestId = NextRequestId();
            var scoped = new ScopedPdu(engineId, [], SnmpPdu.Request(type, requestId, status, index, oids));
            var request = UsmSecurity.Seal(scoped, messageId, _user.Level | SnmpV3Flags.Reportable, _user, keys, engineId, boots, time, NextSalt());
            var (answer, attempts) = await _transport.ExchangeAsync(agent, request, (ReadOnlySpan<byte> datagram, out Answer? a) =>
            {
                a = Match(datagram, messageId, requestId, engineId, keys);
                return a is not null;
            }, timeout, retries, ct).ConfigureAwait(false);
            attemptsMade += attempts;
            if (answer is null)
            {
                // Silence to an authenticated request: if the agent still answers discovery, it is our credential it ignores.
                if (discovered || await DiscoverAsync(agent, timeout, 0, ct).ConfigureAwait(false))
                    return new SnmpResult(SnmpRequestOutcome.AuthFailed, null, attemptsMade, "no answer to authenticated requests");
                return new SnmpResult(SnmpRequestOutcome.Timeout, null, attemptsMade);
            }
            if (answer.Response is { } response)
            {
                _peer.Advance(answer.Boots, answer.Time);
                return SnmpResult.Of(response, attemptsMade);
            }
            switch (answer.Report)
            {
                case UsmStatus.NotInTimeWindow or UsmStatus.UnknownEngineId when !resynced:
                    // RFC 3414 §4: the Report carries the engine's ID and its clock; learn them and send once more.
                    resynced = true;
                    _peer.Learn(answer.EngineId!, answer.Boots, answer.Time);
                    continue;
                default:
                    return new SnmpResult(SnmpRequestOutcome.AuthFailed, null, attemptsMade, $"usmStats{answer.Report}s report");
            }
        }
    }

    /// <summary>What came back for a message: a Response (authenticated, decrypted) or a USM Report.</summary>
    private sealed record Answer(SnmpPdu? Response, UsmStatus Report, byte[]? EngineId, int Boots, int Time);

    private Answer? Match(ReadOnlySpan<byte> datagram, int messageId, int requestId, byte[] engineId, UsmKeys keys)
    {
        if (!SnmpV3Message.TryParse(datagram, out var message, out _) || message!.MessageId != messageId) return null;
        var security = message.Security;
        // A Report of a failed check comes back unauthenticated (the agent could not check us); it says only what failed.
        if ((message.Flags & SnmpV3Flags.Auth) == 0)
        {
            if (message.Scoped?.Pdu is not { Type: SnmpPduType.Report } report || UsmSecurity.ReportStatus(report) is not { } status) return null;
            return new Answer(null, status, security.EngineId, security.EngineBoots, security.EngineTime);
        }
        if (!security.EngineId.AsSpan().SequenceEqual(engineId) || !security.UserName.AsSpan().SequenceEqual(_user.UserName)) return null;
        if (UsmSecurity.Open(datagram, message, _user, keys, out var scoped) != UsmStatus.Ok) return null;
        var pdu = scoped!.Pdu;
        if (pdu.Type == SnmpPduType.Report && UsmSecurity.ReportStatus(pdu) is { } authenticated)
            return new Answer(null, authenticated, security.EngineId, security.EngineBoots, security.EngineTime);
        if (pdu.Type != SnmpPduType.Response || pdu.RequestId != requestId) return null;
        return new Answer(pdu, UsmStatus.Ok, security.EngineId, security.EngineBoots, security.EngineTime);
    }

    private int NextMessageId() => Interlocked.Increment(ref _messageId) & int.MaxValue;
    private int NextRequestId() => Interlocked.Increment(ref _requestId) & int.MaxValue;
    private ulong NextSalt() => Interlocked.Increment(ref _salt);

    public void Dispose() => _transport.Dispose();
}
