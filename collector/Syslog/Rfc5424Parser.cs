namespace NetOps.Collector.Syslog;

/// <summary>
/// RFC 5424: <c>&lt;PRI&gt;VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]</c>.
/// Field lengths and the structured-data grammar are checked; any VERSION 1–999 is accepted (as Telegraf does),
/// so a future version still yields its header. Never throws, allocates nothing.
/// </summary>
public static class Rfc5424Parser
{
    private const int MaxHostname = 255, MaxAppName = 48, MaxProcId = 128, MaxMsgId = 32, MaxSdName = 32;

    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, out SyslogMessage message, out SyslogParseError error)
        => TryParse(data, receivedAt, default(SyslogParserOptions), out message, out error);

    /// <summary>Parses a message that must be RFC 5424 (a PRI is required). <paramref name="receivedAt"/> is unused: RFC 5424 timestamps carry their zone and year.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, in SyslogParserOptions options, out SyslogMessage message, out SyslogParseError error)
    {
        message = default;
        if (!SyslogPri.TryPrepare(ref data, options, out error)) return false;
        if (!SyslogPri.TryParse(data, out int priority, out int pos, out error)) return false;
        if (priority < 0) { error = SyslogParseError.BadPriority; return false; }
        return ParseAfterPri(data, priority, pos, out message, out error);
    }

    internal static bool ParseAfterPri(ReadOnlySpan<byte> data, int priority, int pos, out SyslogMessage message, out SyslogParseError error)
    {
        message = default;
        message.Format = SyslogFormat.Rfc5424;
        message.Priority = priority;

        int version = 0, digits = 0;
        while (digits < 4 && SyslogTimestamp.IsDigit(data, pos + digits)) version = version * 10 + (data[pos + digits++] - '0');
        if (digits is < 1 or > 3 || data[pos] == (byte)'0') return Fail(SyslogParseError.BadVersion, out error);
        message.Version = version;
        pos += digits;
        if (!Space(data, ref pos, out error)) return false;

        // TIMESTAMP
        if (data[pos] == (byte)'-' && (pos + 1 == data.Length || data[pos + 1] == (byte)' '))
        {
            pos++;
        }
        else
        {
            if (SyslogTimestamp.TryParseRfc3339(data, pos, requireZone: true, 0, out var timestamp, out int end) != SyslogTimestamp.Result.Parsed)
                return Fail(SyslogParseError.BadTimestamp, out error);
            message.Timestamp = timestamp;
            pos = end;
        }
        if (!Space(data, ref pos, out error)) return false;

        if (!Field(data, ref pos, MaxHostname, out message.Hostname, out error) || !Space(data, ref pos, out error)) return false;
        if (!Field(data, ref pos, MaxAppName, out message.AppName, out error) || !Space(data, ref pos, out error)) return false;
        if (!Field(data, ref pos, MaxProcId, out message.ProcId, out error) || !Space(data, ref pos, out error)) return false;
        if (!Field(data, ref pos, MaxMsgId, out message.MsgId, out error) || !Space(data, ref pos, out error)) return false;

        // STRUCTURED-DATA
        if (data[pos] == (byte)'-')
        {
            pos++;
        }
        else
        {
            int start = pos;
            if (!StructuredData(data, ref pos, out error)) return false;
            message.StructuredData = new Range(start, pos);
        }

        // [SP MSG]
        if (pos == data.Length)
        {
            message.Message = new Range(pos, pos);
        }
        else
        {
            if (data[pos] != (byte)' ') return Fail(SyslogParseError.BadStructuredData, out error);
            pos++;
            if (pos + 2 < data.Length && data[pos] == 0xEF && data[pos + 1] == 0xBB && data[pos + 2] == 0xBF)
            {
                pos += 3;
                // RFC 5424 §6.4: a MSG that starts with a BOM is UTF-8; hold the sender to it.
                if (!System.Text.Unicode.Utf8.IsValid(data[pos..])) return Fail(SyslogParseError.BadUtf8, out error);
            }
            message.Message = new Range(pos, data.Length);
        }
        error = SyslogParseError.None;
        return true;
    }

    /// <summary>A header field: 1..max PRINTUSASCII; <c>-</c> (NILVALUE) gives an empty range.</summary>
    private static bool Field(ReadOnlySpan<byte> data, ref int pos, int max, out Range range, out SyslogParseError error)
    {
        range = default;
        int start = pos;
        while (pos < data.Length && data[pos] != (byte)' ')
        {
            if ((uint)(data[pos] - 33) > 126 - 33 || pos - start >= max) return Fail(SyslogParseError.BadHeaderField, out error);
            pos++;
        }
        if (pos == start) return Fail(SyslogParseError.BadHeaderField, out error);
        if (pos - start != 1 || data[start] != (byte)'-') range = new Range(start, pos);
        error = SyslogParseError.None;
        return true;
    }

    /// <summary>One SP, and something after it (the header is not complete yet).</summary>
    private static bool Space(ReadOnlySpan<byte> data, ref int pos, out SyslogParseError error)
    {
        if (pos >= data.Length || (pos + 1 == data.Length && data[pos] == (byte)' ')) return Fail(SyslogParseError.Truncated, out error);
        if (data[pos] != (byte)' ') return Fail(SyslogParseError.BadHeaderField, out error);
        pos++;
        error = SyslogParseError.None;
        return true;
    }

    /// <summary>One or more <c>[SD-ID *(SP PARAM-NAME="PARAM-VALUE")]</c>; in values <c>\"</c>, <c>\\</c> and <c>\]</c> are escapes.</summary>
    private static bool StructuredData(ReadOnlySpan<byte> data, ref int pos, out SyslogParseError error)
    {
        if (data[pos] != (byte)'[') return Fail(SyslogParseError.BadStructuredData, out error);
        while (pos < data.Length && data[pos] == (byte)'[')
        {
            pos++;
            if (!SdName(data, ref pos)) return Fail(SyslogParseError.BadStructuredData, out error);
            while (true)
            {
                if (pos >= data.Length) return Fail(SyslogParseError.BadStructuredData, out error);
                if (data[pos] == (byte)']') { pos++; break; }
                if (data[pos] != (byte)' ') return Fail(SyslogParseError.BadStructuredData, out error);
                pos++;
                if (!SdName(data, ref pos) || !SyslogTimestamp.At(data, pos, (byte)'=') || !SyslogTimestamp.At(data, pos + 1, (byte)'"'))
                    return Fail(SyslogParseError.BadStructuredData, out error);
                pos += 2;
                // PARAM-VALUE: any UTF-8 up to the closing quote. An unescaped ']' is tolerated: the quotes already delimit it.
                while (true)
                {
                    if (pos >= data.Length) return Fail(SyslogParseError.BadStructuredData, out error);
                    byte b = data[pos];
                    if (b == (byte)'"') { pos++; break; }
                    pos += b == (byte)'\\' && pos + 1 < data.Length ? 2 : 1;
                }
            }
        }
        error = SyslogParseError.None;
        return true;
    }

    /// <summary>SD-NAME: 1–32 PRINTUSASCII except <c>=</c>, SP, <c>]</c> and <c>"</c>.</summary>
    private static bool SdName(ReadOnlySpan<byte> data, ref int pos)
    {
        int start = pos;
        while (pos < data.Length)
        {
            byte b = data[pos];
            if ((uint)(b - 33) > 126 - 33 || b is (byte)'=' or (byte)']' or (byte)'"') break;
            if (pos - start >= MaxSdName) return false;
            pos++;
        }
        return pos > start;
    }

    private static bool Fail(SyslogParseError reason, out SyslogParseError error)
    {
        error = reason;
        return false;
    }
}
