using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NetOps.Collector.Syslog;

/// <summary>
/// The zone of device clocks that log without one (<c>Collector:Syslog:DefaultTimeZone</c>): a fixed offset
/// (<c>+09:00</c>, <c>+0900</c>, <c>-03:30</c>) or an IANA time zone (<c>Asia/Tokyo</c>, <c>Europe/Berlin</c>).
/// </summary>
public sealed class SyslogTimeZone
{
    private readonly TimeSpan _fixed;
    private readonly TimeZoneInfo? _zone;

    private SyslogTimeZone(TimeSpan offset, TimeZoneInfo? zone)
    {
        _fixed = offset;
        _zone = zone;
    }

    /// <summary>The text it was read from, for logs.</summary>
    public string Name { get; private init; } = "";

    /// <summary>
    /// The offset to read a zone-less timestamp received at <paramref name="receivedAt"/> with. For a zone with
    /// daylight saving time this is the offset in force on arrival: a message logged just before a change and
    /// received just after it is read an hour off, which the clock-skew check then catches.
    /// </summary>
    public TimeSpan OffsetAt(DateTimeOffset receivedAt) => _zone is null ? _fixed : _zone.GetUtcOffset(receivedAt);

    /// <summary>
    /// Reads <c>±hh:mm</c>, <c>±hhmm</c>, <c>±hh</c> (at most ±14:00, as RFC 3339 zones) or an IANA zone id. Never throws;
    /// false for anything else (including <c>0900</c> without a sign, which is ambiguous).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SyslogTimeZone? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s[0] is '+' or '-')
        {
            if (!TryParseOffset(s.AsSpan(1), out var magnitude)) return false;
            zone = new SyslogTimeZone(s[0] == '-' ? -magnitude : magnitude, null) { Name = s };
            return true;
        }
        // An id must name a zone; digits alone ("0900") would otherwise be looked up and fail anyway, but say so plainly.
        if (char.IsAsciiDigit(s[0])) return false;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(s, out var info)) return false;
        zone = new SyslogTimeZone(TimeSpan.Zero, info) { Name = s };
        return true;
    }

    private static bool TryParseOffset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = default;
        int hours, minutes = 0;
        switch (s.Length)
        {
            case 2 when Number(s, out hours): break;
            case 4 when Number(s[..2], out hours) && Number(s[2..], out minutes): break;
            case 5 when s[2] == ':' && Number(s[..2], out hours) && Number(s[3..], out minutes): break;
            default: return false;
        }
        if (minutes > 59 || hours * 60 + minutes > 14 * 60) return false;
        offset = new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
