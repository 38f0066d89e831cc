namespace NetOps.Collector.Snmp;

/// <summary>
/// v3 datagrams on the trap port (RFC 3414 §3.2). A trap's authoritative engine is its sender: the configured users of
/// its user name are tried with their keys localized to the sender's engine ID (cached per engine). An inform's is this
/// receiver (<see cref="SnmpLocalEngine"/>): a sender first discovers it (a reportable message naming another engine is
/// answered with a usmStatsUnknownEngineIDs Report carrying our ID, boots and time), then sends the inform under our ID,
/// which must fall in our time window, and is answered with a Response at its own security level. An authenticated
/// message then passes <see cref="SnmpV3ReplayGuard"/>: a trap must fit its sender's clock as last heard, and an exact
/// copy of a recent message is refused (an inform's copy is answered again, not stored again). Anything
/// unauthenticated or failing USM is refused for the caller to count; nothing here throws on any bytes.
/// </summary>
public sealed class SnmpV3TrapDecoder(SnmpLocalEngine engine, UsmUsers users, SnmpV3ReplayGuard replay)
{
    private ulong _salt = (ulong)Random.Shared.NextInt64();

    public SnmpV3Receipt Decode(ReadOnlySpan<byte> datagram)
    {
        if (!SnmpV3Message.TryParse(datagram, out var message, out var error))
            return new SnmpV3Receipt(error == SnmpParseError.UnknownSecurityModel ? SnmpTrapOutcome.Unsupported : SnmpTrapOutcome.Malformed, error.ToString());
        var security = message!.Security;
        bool ours = security.EngineId.AsSpan().SequenceEqual(engine.EngineId);
        bool reportable = (message.Flags & SnmpV3Flags.Reportable) != 0;
        // A confirmed-class message (an inform, or the probe before it) under an engine ID that is not ours: discovery.
        if (!ours && reportable) return Report(message, UsmStatus.UnknownEngineId, null, null, "engine ID discovery", SnmpTrapOutcome.Discovery);
        if ((message.Flags & SnmpV3Flags.Auth) == 0) return new SnmpV3Receipt(SnmpTrapOutcome.AuthFailed, "unauthenticated");

        UsmUser? user = null;
        UsmKeys? keys = null;
        ScopedPdu? scoped = null;
        var status = UsmStatus.UnknownUserName;
        foreach (var candidate in users.Named(security.UserName))
        {
            var k = candidate.KeysFor(security.EngineId);
            status = UsmSecurity.Open(datagram, message, candidate, k, out scoped);
            if (status != UsmStatus.Ok) continue;
            (user, keys) = (candidate, k);
            break;
        }
        if (user is null) return new SnmpV3Receipt(SnmpTrapOutcome.AuthFailed, $"usmStats{status}s");
        if (ours && (security.EngineBoots != engine.Boots || Math.Abs((long)security.EngineTime - engine.Time) > UsmSecurity.TimeWindowSeconds))
        {
            // RFC 3414 §3.2.7 a: the sender's notion of our clock is off; tell it ours, authenticated, so it can resend.
            return reportable
                ? Report(message, UsmStatus.NotInTimeWindow, user, keys, "not in time window", SnmpTrapOutcome.AuthFailed)
                : new SnmpV3Receipt(SnmpTrapOutcome.AuthFailed, "not in time window");
        }
        if (!SnmpTrap.TryFrom(scoped!.Pdu, [], out var trap, out error))
            return new SnmpV3Receipt(error == SnmpParseError.NotATrap ? SnmpTrapOutcome.Unsupported : SnmpTrapOutcome.Malformed, error.ToString());
        byte[]? reply = null;
        if (trap!.IsInform && ours)
        {
            var response = new SnmpPdu(SnmpPduType.Response, trap.Pdu.RequestId, 0, 0, trap.Pdu.VarBinds);
            reply = UsmSecurity.Seal(new ScopedPdu(scoped.ContextEngineId, scoped.ContextName, response), message.MessageId,
                message.Flags & (SnmpV3Flags.Auth | SnmpV3Flags.Priv), user, keys, engine.EngineId, engine.Boots, engine.Time, NextSalt());
        }
        // Only here, authenticated: a forged message must not move a sender's clock. A refused inform is still answered,
        // since a sender that lost our Response retries until one comes.
        if (replay.Admit(security.EngineId, security.EngineBoots, security.EngineTime, security.AuthenticationParameters, senderClock: !ours) is { } replayed)
            return new SnmpV3Receipt(SnmpTrapOutcome.Replayed, replayed, null, reply);
        return new SnmpV3Receipt(SnmpTrapOutcome.Received, "", trap, reply);
    }

    /// <summary>A Report naming <paramref name="status"/>'s counter, under our engine (authenticated when a user is known).</summary>
    private SnmpV3Receipt Report(SnmpV3Message request, UsmStatus status, UsmUser? user, UsmKeys? keys, string reason, SnmpTrapOutcome outcome)
    {
        int requestId = request.Scoped?.Pdu.RequestId ?? 0;
        var report = new SnmpPdu(SnmpPduType.Report, requestId, 0, 0, [new VarBind(UsmSecurity.StatsOid(status), SnmpValue.Counter32(1))]);
        var flags = user is null ? SnmpV3Flags.None : SnmpV3Flags.Auth;
        var bytes = UsmSecurity.Seal(new ScopedPdu(engine.EngineId, [], report), request.MessageId, flags, user, keys,
            engine.EngineId, engine.Boots, engine.Time, 0);
        return new SnmpV3Receipt(outcome, reason, null, bytes);
    }

    private ulong NextSalt() => Interlocked.Increment(ref _salt);
}
