using static NetOps.Collector.Syslog.SyslogTimestamp;

namespace NetOps.Collector.Syslog;

/// <summary>
/// BSD syslog (RFC 3164) and what devices really send under that name:
/// <list type="bullet">
/// <item>a Cisco prefix before the timestamp: sequence numbers (<c>585917: </c>), an empty or named origin
/// (<c>: </c>, <c>sw01: </c>, <c>2a02:cf40::: </c>), <c>*</c>/<c>.</c> for an unsynchronised clock, and an uptime stamp
/// (<c>00:00:46: </c>, <c>2y10w: </c>) instead of a timestamp;</item>
/// <item>timestamps with a year, fraction or zone, RFC 3339 timestamps, year-first timestamps;</item>
/// <item>no header at all after the PRI (Yamaha RTX, FortiGate <c>date=…</c>): <see cref="SyslogFormat.NoHeader"/>.</item>
/// </list>
/// After a BSD timestamp the next token is the HOSTNAME unless it ends with <c>:</c>, contains <c>[</c>, starts with
/// <c>%</c> or holds characters no host name has (<c>,</c>, <c>=</c>, <c>/</c>…), or is the last token. Then a TAG is
/// taken only when it ends with <c>:</c> or <c>[pid]</c> and is not all digits; otherwise the rest is MSG.
/// Never throws, allocates nothing.
/// </summary>
public static class Rfc3164Parser
{
    private const int MaxTag = 48, MaxProcId = 128, MaxHostname = 255, MaxPrefixTokens = 6;

    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, out SyslogMessage message, out SyslogParseError error)
        => TryParse(data, receivedAt, default(SyslogParserOptions), out message, out error);

    /// <summary>Parses a BSD / vendor message; the PRI is optional (priority -1 without one).</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, in SyslogParserOptions options, out SyslogMessage message, out SyslogParseError error)
    {
        message = default;
        if (!SyslogPri.TryPrepare(ref data, options, out error)) return false;
        if (!SyslogPri.TryParse(data, out int priority, out int pos, out error)) return false;
        return ParseAfterPri(data, priority, pos, receivedAt, options.EffectiveOffset.Ticks, out message, out error);
    }

    internal static bool ParseAfterPri(ReadOnlySpan<byte> data, int priority, int pos, DateTimeOffset receivedAt, long defaultOffsetTicks,
        out SyslogMessage message, out SyslogParseError error)
    {
        message = default;
        message.Priority = priority;
        message.Format = SyslogFormat.Rfc3164;
        error = SyslogParseError.None;

        pos = SkipSpaces(data, pos); // "<13> [INSPECT] …", "<166> 2023-05-08T…"
        int body = pos;
        Range host = default;
        bool hostSeen = false, timestampSeen = false, uptimeSeen = false;
        int prefixItems = 0;

        for (int n = 0; n < MaxPrefixTokens && pos < data.Length; n++)
        {
            int p = pos;
            if (data[p] is (byte)'*' or (byte)'.') p++; // Cisco: clock not (or no longer) synchronised
            var result = TryTimestamp(data, p, receivedAt, defaultOffsetTicks, out var timestamp, out int end);
            if (result != Result.NotATimestamp)
            {
                // A timestamp with an impossible field (anonymised "May 00 00:00:00") still ends the header; the
                // receive time stands in for it.
                if (result == Result.Parsed) message.Timestamp = timestamp;
                timestampSeen = true;
                pos = end;
                break;
            }

            int tokenEnd = data[pos..].IndexOf((byte)' ');
            tokenEnd = tokenEnd < 0 ? data.Length : pos + tokenEnd;
            var token = data[pos..tokenEnd];
            if (token.Length == 1 && token[0] == (byte)':')
            {
                prefixItems++; // "<189>: " — an empty origin
            }
            else if (token.Length > 1 && token[^1] == (byte)':')
            {
                var core = token[..^1];
                if (AllDigits(core))
                {
                    prefixItems++; // sequence number
                }
                else if (IsUptime(core))
                {
                    uptimeSeen = true;
                    pos = SkipSpaces(data, tokenEnd);
                    break;
                }
                else if (!hostSeen && IsHostname(core))
                {
                    host = new Range(pos, tokenEnd - 1);
                    hostSeen = true;
                }
                else break;
            }
            else if (tokenEnd < data.Length && prefixItems > 0 && !hostSeen && IsHostname(token))
            {
                host = new Range(pos, tokenEnd); // "<190>3132517: 192.168.100.2 3132513: Jul 14 …"
                hostSeen = true;
            }
            else break;
            pos = SkipSpaces(data, tokenEnd);
        }

        if (timestampSeen)
        {
            if (pos < data.Length && data[pos] == (byte)':')
            {
                // Cisco: "…20:52:12.861: %SYS-5-CONFIG_I: …" — the origin, if any, came before the timestamp.
                message.Hostname = host;
                message.Message = new Range(SkipSpaces(data, pos + 1), data.Length);
                return true;
            }
            pos = SkipSpaces(data, pos);
            if (hostSeen)
            {
                message.Hostname = host;
                message.Message = new Range(pos, data.Length);
                return true;
            }
            pos = HostAndTag(data, pos, ref message);
            message.Message = new Range(pos, data.Length);
            return true;
        }

        if (uptimeSeen || (pos < data.Length && data[pos] == (byte)'%' && (prefixItems > 0 || hostSeen)))
        {
            // "<165>7433: ASR920: 007439: 2y10w: %SEC_LOGIN-…", "<189>123: %SYS-…": a header without a clock time.
            message.Hostname = host;
            message.Message = new Range(pos, data.Length);
            return true;
        }

        // No header: Yamaha RTX "<14>PP[01] Rejected at …", FortiGate "<189>date=…", or a bare line without PRI.
        message.Format = SyslogFormat.NoHeader;
        message.Message = new Range(body, data.Length);
        return true;
    }

    private static Result TryTimestamp(ReadOnlySpan<byte> data, int pos, DateTimeOffset receivedAt, long defaultOffsetTicks, out DateTimeOffset value, out int end)
    {
        value = default;
        end = pos;
        if (!IsDigit(data, pos) && (uint)pos < (uint)data.Length && ((data[pos] | 0x20) - 'a') > 'z' - 'a') return Result.NotATimestamp;
        var result = TryParseRfc3339(data, pos, requireZone: false, defaultOffsetTicks, out value, out end);
        if (result == Result.NotATimestamp) result = TryParseBsd(data, pos, receivedAt, defaultOffsetTicks, out value, out end);
        if (result != Result.NotATimestamp && !IsTerminator(data, end)) result = Result.NotATimestamp;
        return result;
    }

    /// <summary>Optional HOSTNAME, then optional TAG / TAG[pid]; returns where MSG starts.</summary>
    private static int HostAndTag(ReadOnlySpan<byte> data, int pos, ref SyslogMessage message)
    {
        int tokenEnd = data[pos..].IndexOf((byte)' ');
        if (tokenEnd > 0)
        {
            tokenEnd += pos;
            var token = data[pos..tokenEnd];
            if (token[^1] != (byte)':' && token[0] != (byte)'%' && IsHostname(token))
            {
                message.Hostname = new Range(pos, tokenEnd);
                pos = SkipSpaces(data, tokenEnd);
            }
        }

        int i = pos;
        while (i < data.Length && i - pos <= MaxTag && data[i] is not ((byte)' ' or (byte)':' or (byte)'['))
        {
            if (data[i] < 0x21 || data[i] > 0x7e) return pos;
            i++;
        }
        if (i == pos || i >= data.Length || i - pos > MaxTag || data[pos] == (byte)'%' || AllDigits(data[pos..i])) return pos;
        var tag = new Range(pos, i);
        if (data[i] == (byte)'[')
        {
            int close = data[(i + 1)..].IndexOf((byte)']');
            if (close < 0 || close > MaxProcId) return pos;
            close += i + 1;
            int after = close + 1;
            if (after < data.Length && data[after] != (byte)':' && data[after] != (byte)' ') return pos;
            message.AppName = tag;
            message.ProcId = new Range(i + 1, close);
            if (after < data.Length && data[after] == (byte)':') after++;
            return after < data.Length && data[after] == (byte)' ' ? after + 1 : after;
        }
        if (data[i] != (byte)':') return pos; // "Use the BFG!": no TAG
        message.AppName = tag;
        i++;
        return i < data.Length && data[i] == (byte)' ' ? i + 1 : i;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> data, int pos)
    {
        while (pos < data.Length && data[pos] == (byte)' ') pos++;
        return pos;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        foreach (byte b in s) if ((uint)(b - '0') > 9) return false;
        return true;
    }

    /// <summary>Cisco uptime stamps: <c>00:00:46</c>, <c>1d02h</c>, <c>2y10w</c>.</summary>
    private static bool IsUptime(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || (uint)(s[0] - '0') > 9) return false;
        bool colon = false, unit = false;
        foreach (byte b in s)
        {
            if ((uint)(b - '0') <= 9) continue;
            if (b == (byte)':') colon = true;
            else if (b is (byte)'y' or (byte)'w' or (byte)'d' or (byte)'h' or (byte)'m' or (byte)'s') unit = true;
            else return false;
        }
        return colon != unit && (uint)(s[^1] - '0') <= 9 != unit;
    }

    /// <summary>Letters, digits, <c>.</c>, <c>-</c>, <c>_</c> and <c>:</c> (IPv6); not starting with <c>%</c>.</summary>
    private static bool IsHostname(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > MaxHostname) return false;
        foreach (byte b in s)
        {
            if ((uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b is (byte)'.' or (byte)'-' or (byte)'_' or (byte)':') continue;
            return false;
        }
        return true;
    }
}
