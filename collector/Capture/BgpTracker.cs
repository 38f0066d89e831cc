using System.Net;
using NetOps.Core.Events;

namespace NetOps.Collector.Capture;

/// <summary>
/// Follows BGP sessions (an unordered pair of addresses): once an OPEN has been seen from each side →
/// <c>bgp_up</c> (at the second OPEN); a NOTIFICATION → <c>bgp_down</c> with the error code and subcode names,
/// attributed to the speaker that sent it; the session then starts over. A NOTIFICATION on a session whose OPENs
/// were not captured is still reported. Not thread-safe: one pipeline owns it.
/// </summary>
public sealed class BgpTracker
{
    private readonly Dictionary<(IPAddress Low, IPAddress High), Session> _sessions = [];

    private sealed class Session
    {
        public BgpMessage? LowOpen, HighOpen;
        public bool Up;
    }

    public int Count => _sessions.Count;

    public void OnMessage(long timestampNs, IPAddress source, IPAddress destination, in BgpMessage message, List<CaptureEvent> events)
    {
        if (message.Type is not (BgpMessage.Open or BgpMessage.Notification)) return;
        bool sourceIsLow = Compare(source, destination) <= 0;
        var key = sourceIsLow ? (source, destination) : (destination, source);
        if (!_sessions.TryGetValue(key, out var session))
        {
            if (_sessions.Count >= ControlPlaneLimits.MaxTracked) return;
            _sessions[key] = session = new Session();
        }
        if (message.Type == BgpMessage.Open)
        {
            if (sourceIsLow) session.LowOpen = message; else session.HighOpen = message;
            if (session is { Up: false, LowOpen: { } low, HighOpen: { } high })
            {
                session.Up = true;
                var mine = sourceIsLow ? low : high;
                var theirs = sourceIsLow ? high : low;
                events.Add(new CaptureEvent(timestampNs, EventKind.BgpUp, Severity.Notice, source, destination,
                    $"BGP session {source} (AS {mine.MyAs}) - {destination} (AS {theirs.MyAs}) up: OPEN seen from both sides",
                    $"local={source} local_as={mine.MyAs} local_id={OspfTracker.Id(mine.BgpIdentifier)} peer={destination} peer_as={theirs.MyAs} peer_id={OspfTracker.Id(theirs.BgpIdentifier)} hold_s={Math.Min(mine.HoldTimeSeconds, theirs.HoldTimeSeconds)}"));
            }
            return;
        }
        var opens = sourceIsLow ? (session.LowOpen, session.HighOpen) : (session.HighOpen, session.LowOpen);
        string reason = BgpNames.Describe(message);
        var detail = $"sender={source} peer={destination} code={message.ErrorCode} subcode={message.ErrorSubcode} code_name=\"{BgpNames.Code(message.ErrorCode)}\" subcode_name=\"{BgpNames.Subcode(message.ErrorCode, message.ErrorSubcode)}\"";
        if (message is { ErrorCode: 6, ErrorSubcode: 9 } && message.InnerCode != 0)
            detail += $" inner_code={message.InnerCode} inner_subcode={message.InnerSubcode} inner_subcode_name=\"{BgpNames.Subcode(message.InnerCode, message.InnerSubcode)}\"";
        if (opens.Item1 is { } own) detail += $" sender_as={own.MyAs}";
        if (opens.Item2 is { } peer) detail += $" peer_as={peer.MyAs}";
        events.Add(new CaptureEvent(timestampNs, EventKind.BgpDown, Severity.Warning, source, destination,
            $"BGP session {source} - {destination} down: NOTIFICATION {reason}", detail));
        session.LowOpen = session.HighOpen = null;
        session.Up = false;
    }

    private static int Compare(IPAddress a, IPAddress b)
    {
        Span<byte> x = stackalloc byte[16], y = stackalloc byte[16];
        a.TryWriteBytes(x, out int nx);
        b.TryWriteBytes(y, out int ny);
        return x[..nx].SequenceCompareTo(y[..ny]);
    }
}
