using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// PAN-OS syslog in the default CSV format (<c>FUTURE_USE,receive time,serial,TYPE,subtype,…</c>), found after
/// any relay header (<c>Nov 30 16:09:08 PA-220 </c>, a Splunk or Panorama double header). Field positions follow
/// Palo Alto's syslog field descriptions (PAN-OS 8.0 to 10.x; the columns used here did not move).
/// </summary>
/// <remarks>
/// Session counting: with "log at session start" PAN-OS writes a <c>start</c> and an <c>end</c> TRAFFIC log for
/// one session; <c>end</c> is always written, so it is the one counted. A <c>start</c> log is a
/// <see cref="NormalizedMessage.Redundant"/> event. <c>drop</c> and <c>deny</c> subtypes (sessions that never
/// started) are counted as denies whatever the action column says. Truncated lines become generic events.
/// </remarks>
public sealed class PaloAltoNormalizer : IVendorNormalizer
{
    public const string VendorName = "paloalto";

    /// <summary>More columns than any PAN-OS log type has; later ones are ignored.</summary>
    private const int MaxFields = 128;

    private const int Type = 3, SubType = 4;
    // TRAFFIC and THREAT
    private const int Source = 7, Destination = 8, Rule = 11, Application = 14, InboundInterface = 18, SourcePort = 24,
        DestinationPort = 25, Protocol = 29, ActionColumn = 30;
    private const int ThreatMisc = 31, ThreatId = 32, ThreatCategory = 33, ThreatSeverity = 34;
    private const int TrafficDeviceName = 52, ThreatDeviceName = 59;
    // SYSTEM
    private const int EventId = 8, SystemObject = 9, Module = 12, SystemSeverity = 13, Description = 14, SystemDeviceName = 22;
    // CONFIG
    private const int ConfigHost = 7, Command = 9, Admin = 10, Client = 11, Result = 12, ConfigPath = 13;

    public string Vendor => VendorName;

    public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result)
    {
        result = null;
        ReadOnlySpan<char> text = record.Message;
        int start = FindCsvStart(text);
        if (start < 0) return false;
        var line = text[start..].TrimEnd();
        Span<Range> r = stackalloc Range[MaxFields];
        int n = CsvFields.Split(line, r);
        if (n <= Type) return false;
        var fields = new Row(line, r[..n]);
        var type = fields[Type];
        if (type.SequenceEqual("TRAFFIC")) result = Traffic(fields);
        else if (type.SequenceEqual("THREAT")) result = Threat(fields);
        else if (type.SequenceEqual("SYSTEM")) result = SystemLog(fields);
        else if (type.SequenceEqual("CONFIG")) result = Config(fields);
        else if (type.Length > 0 && TextScan.IsUpper(type[0])) result = Generic(fields, line);
        else return false;
        return true;
    }

    /// <summary>Start of <c>d,yyyy/mm/dd</c> at a token boundary within the first 200 characters, or -1.</summary>
    internal static int FindCsvStart(ReadOnlySpan<char> text)
    {
        int limit = Math.Min(text.Length - 7, 200);
        for (int i = 0; i < limit; i++)
        {
            if (!TextScan.IsDigit(text[i]) || text[i + 1] != ',' || (i > 0 && text[i - 1] != ' ')) continue;
            if (TextScan.IsDigit(text[i + 2]) && TextScan.IsDigit(text[i + 3]) && TextScan.IsDigit(text[i + 4])
                && TextScan.IsDigit(text[i + 5]) && text[i + 6] == '/') return i;
        }
        return -1;
    }

    private static NormalizedMessage Traffic(Row f)
    {
        if (f.Count <= ActionColumn) return Generic(f, f.Line);
        var subtype = f[SubType];
        var action = f[ActionColumn];
        string? device = f.Name(TrafficDeviceName);
        if (subtype.SequenceEqual("start"))
            return new NormalizedMessage
            {
                Vendor = VendorName, Kind = EventKind.Generic, Severity = Severity.Info, DeviceName = device,
                Message = "traffic session start", Redundant = true,
            };
        FirewallAction verdict;
        if (subtype.SequenceEqual("drop") || subtype.SequenceEqual("deny") || IsDeny(action)) verdict = FirewallAction.Deny;
        else if (action.SequenceEqual("allow")) verdict = FirewallAction.Permit;
        else return Generic(f, f.Line); // anonymised or unknown action: not counted either way
        return new NormalizedMessage { Type = NormalizedType.Firewall, Vendor = VendorName, Action = verdict, DeviceName = device };
    }

    private static bool IsDeny(ReadOnlySpan<char> a) =>
        a.SequenceEqual("deny") || a.StartsWith("drop") || a.StartsWith("reset-") || a.StartsWith("block");

    private static NormalizedMessage Threat(Row f)
    {
        if (f.Count <= ActionColumn) return Generic(f, f.Line);
        var subtype = f[SubType];
        var action = f[ActionColumn];
        // URL filtering logs every allowed URL with action "alert" when so configured: that is browsing, not a threat.
        bool browsing = subtype.SequenceEqual("url") && (action.SequenceEqual("alert") || action.SequenceEqual("allow")
                                                         || action.SequenceEqual("continue") || action.SequenceEqual("override"));
        var d = new DetailBuilder();
        d.Add("subtype", subtype);
        var threat = f[ThreatId];
        if (threat.IsEmpty || threat.SequenceEqual("(9999)")) threat = f[ThreatMisc]; // URL logs: the URL is the subject
        d.Add("threat", threat);
        d.Add("category", f[ThreatCategory]);
        d.Add("action", action);
        d.Add("src", f[Source]);
        d.Add("dst", f[Destination]);
        d.Add("dport", f[DestinationPort]);
        d.Add("app", f[Application]);
        d.Add("rule", f[Rule]);
        return new NormalizedMessage
        {
            Vendor = VendorName, Kind = browsing ? EventKind.Generic : EventKind.Threat,
            Severity = TextScan.SeverityFromWord(f[ThreatSeverity]), DeviceName = f.Name(ThreatDeviceName),
            Interface = f.Name(InboundInterface),
            Message = TextScan.Clip($"THREAT {subtype} {action} {threat}"), Detail = d.Build(),
        };
    }

    private static NormalizedMessage SystemLog(Row f)
    {
        if (f.Count <= Description) return Generic(f, f.Line);
        var subtype = f[SubType];
        var eventId = f[EventId];
        var desc = f[Description];
        var d = new DetailBuilder();
        d.Add("subtype", subtype);
        d.Add("eventid", eventId);
        d.Add("object", f[SystemObject]);
        d.Add("module", f[Module]);
        EventKind kind = EventKind.Generic;
        if (subtype.SequenceEqual("routing") && desc.Contains("BGP", StringComparison.OrdinalIgnoreCase)) kind = Bgp(desc, eventId);
        else if (subtype.SequenceEqual("vpn")) kind = Tunnel(desc, eventId);
        else if (eventId.EndsWith("auth-fail") || eventId.EndsWith("login-fail") || eventId.SequenceEqual("auth-fail")
                 || desc.Contains("authentication failed", StringComparison.OrdinalIgnoreCase)
                 || desc.Contains("failed authentication", StringComparison.OrdinalIgnoreCase)) kind = EventKind.AuthFail;
        else if (eventId.EndsWith("auth-succ") || eventId.SequenceEqual("auth-success")) kind = EventKind.AuthSuccess;
        if (kind is EventKind.AuthFail or EventKind.AuthSuccess)
        {
            d.Add("user", TextScan.TrimPunctuation(TextScan.TokenAfter(desc, "User name: ")));
            var from = TextScan.TrimPunctuation(TextScan.TokenAfter(desc, "Login from: "));
            if (from.IsEmpty) from = TextScan.TrimPunctuation(TextScan.TokenAfter(desc, "From: "));
            d.Add("source", from);
        }
        return new NormalizedMessage
        {
            Vendor = VendorName, Kind = kind, Severity = TextScan.SeverityFromWord(f[SystemSeverity]),
            DeviceName = f.Name(SystemDeviceName), Message = TextScan.Clip(desc), Detail = d.Build(),
        };
    }

    private static EventKind Bgp(ReadOnlySpan<char> desc, ReadOnlySpan<char> eventId)
    {
        if (desc.Contains("from Established", StringComparison.OrdinalIgnoreCase)) return EventKind.BgpDown;
        if (desc.Contains("Established", StringComparison.OrdinalIgnoreCase)) return EventKind.BgpUp;
        if (HasWord(desc, "down") || HasWord(eventId, "down")) return EventKind.BgpDown;
        if (HasWord(desc, "up") || HasWord(eventId, "up")) return EventKind.BgpUp;
        return EventKind.Generic;
    }

    private static EventKind Tunnel(ReadOnlySpan<char> desc, ReadOnlySpan<char> eventId)
    {
        if (HasWord(eventId, "down") || HasWord(desc, "down")) return EventKind.TunnelDown;
        if (HasWord(eventId, "up") || HasWord(desc, "up")) return EventKind.TunnelUp;
        return EventKind.Generic;
    }

    /// <summary>True when <paramref name="word"/> appears delimited by non-letters (so "up" does not match "update").</summary>
    private static bool HasWord(ReadOnlySpan<char> text, ReadOnlySpan<char> word)
    {
        int from = 0;
        while (from < text.Length)
        {
            int i = text[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (i < 0) return false;
            i += from;
            int e = i + word.Length;
            bool before = i == 0 || !char.IsLetter(text[i - 1]);
            bool after = e >= text.Length || !char.IsLetter(text[e]);
            if (before && after) return true;
            from = i + 1;
        }
        return false;
    }

    private static NormalizedMessage Config(Row f)
    {
        if (f.Count <= Result) return Generic(f, f.Line);
        var d = new DetailBuilder();
        d.Add("user", f[Admin]);
        d.Add("cmd", f[Command]);
        d.Add("client", f[Client]);
        d.Add("result", f[Result]);
        d.Add("host", f[ConfigHost]);
        d.Add("path", f[ConfigPath]);
        var path = f[ConfigPath].Trim();
        return new NormalizedMessage
        {
            Vendor = VendorName, Kind = EventKind.ConfigChange,
            Message = TextScan.Clip($"{f[Command]} {path} by {f[Admin]}"), Detail = d.Build(),
        };
    }

    private static NormalizedMessage Generic(Row f, ReadOnlySpan<char> line)
    {
        var d = new DetailBuilder();
        d.Add("type", f[Type]);
        d.Add("subtype", f[SubType]);
        return new NormalizedMessage { Vendor = VendorName, Kind = EventKind.Generic, Message = TextScan.Clip(line), Detail = d.Build() };
    }

    /// <summary>The fields of one line; a missing column reads as empty.</summary>
    private readonly ref struct Row(ReadOnlySpan<char> line, ReadOnlySpan<Range> ranges)
    {
        public ReadOnlySpan<char> Line { get; } = line;
        private readonly ReadOnlySpan<Range> _ranges = ranges;

        public int Count => _ranges.Length;

        public ReadOnlySpan<char> this[int i] => (uint)i < (uint)_ranges.Length ? Line[_ranges[i]] : default;

        public string? Name(int i)
        {
            var v = this[i];
            return v.IsEmpty ? null : v.ToString();
        }
    }
}
