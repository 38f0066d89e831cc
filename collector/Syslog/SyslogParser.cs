namespace NetOps.Collector.Syslog;

/// <summary>
/// Parses one syslog message (a UDP datagram or a decoded TCP frame): detects RFC 5424 or BSD / vendor form from the
/// bytes after the PRI and hands over to <see cref="Rfc5424Parser"/> or <see cref="Rfc3164Parser"/>. Never throws and
/// allocates nothing; the text fields of the result are ranges into <c>data</c>.
/// </summary>
public static class SyslogParser
{
    /// <summary>Longest message accepted unless <see cref="SyslogParserOptions.MaxMessageLength"/> says otherwise.</summary>
    public const int DefaultMaxMessageLength = 64 * 1024;

    /// <summary>The largest <see cref="SyslogParserOptions.MaxMessageLength"/> the parser accepts (1 MiB); larger values are clamped.</summary>
    public const int MaxMessageLengthLimit = 1 << 20;

    /// <summary>Parses with UTC for zone-less BSD timestamps and <see cref="DefaultMaxMessageLength"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, out SyslogMessage message, out SyslogParseError error)
        => TryParse(data, receivedAt, default(SyslogParserOptions), out message, out error);

    /// <summary>Parses with <paramref name="defaultOffset"/> (e.g. +09:00 for JST) for zone-less BSD timestamps.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, TimeSpan? defaultOffset, out SyslogMessage message, out SyslogParseError error)
        => TryParse(data, receivedAt, new SyslogParserOptions(defaultOffset), out message, out error);

    /// <summary>
    /// Parses one message. Trailing CR, LF and NUL are ignored. Returns false with the reason when the message is
    /// malformed; a line without any header is not malformed (it parses as <see cref="SyslogFormat.NoHeader"/>).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, in SyslogParserOptions options, out SyslogMessage message, out SyslogParseError error)
    {
        message = default;
        if (!SyslogPri.TryPrepare(ref data, options, out error)) return false;
        if (!SyslogPri.TryParse(data, out int priority, out int pos, out error)) return false;

        // RFC 5424 puts a 1–3 digit VERSION and a space right after the PRI; Cisco's "<189>521: " sequence number
        // is followed by a colon and a BSD year-first timestamp has four digits, so neither is taken for a VERSION.
        if (priority >= 0)
        {
            int digits = 0;
            while (digits < 4 && SyslogTimestamp.IsDigit(data, pos + digits)) digits++;
            if (digits is >= 1 and <= 3 && (pos + digits == data.Length || data[pos + digits] == (byte)' '))
                return Rfc5424Parser.ParseAfterPri(data, priority, pos, out message, out error);
        }
        return Rfc3164Parser.ParseAfterPri(data, priority, pos, receivedAt, options.EffectiveOffset.Ticks, out message, out error);
    }
}
