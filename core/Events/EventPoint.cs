using NetOps.Core.Influx;

namespace NetOps.Core.Events;

/// <summary>Builds <c>event</c> points (DESIGN.md: tags site, device, kind, severity, line; fields message, detail).</summary>
public static class EventPoint
{
    /// <summary>Longest string field value NetOps writes; longer text is cut.</summary>
    public const int MaxFieldChars = 4096;

    public static Point Create(long timestampNs, string site, string device, EventKind kind, Severity severity, LineRole line, string message, string? detail) =>
        new Point(Measurements.Event, timestampNs)
            .Tag("site", site)
            .Tag("device", device)
            .Tag("kind", kind.ToTag())
            .Tag("severity", severity.ToTag())
            .Tag("line", line.ToTag())
            .Field("message", Clean(message))
            .Field("detail", Clean(detail ?? ""));

    /// <summary>
    /// Makes text from the wire safe for a string field: C0 control characters except TAB become spaces (line
    /// protocol cannot carry newlines, and escape sequences must not reach an operator's terminal), and the length
    /// is bounded.
    /// </summary>
    public static string Clean(string s)
    {
        if (s.Length > MaxFieldChars) s = s[..MaxFieldChars];
        if (s.AsSpan().IndexOfAnyInRange('\0', '\x1f') < 0) return s;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (int i = 0; i < src.Length; i++) span[i] = src[i] < ' ' && src[i] != '\t' ? ' ' : src[i];
        });
    }
}
