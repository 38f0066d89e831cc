namespace NetOps.Collector.Syslog;

/// <summary>The steps every syslog parser starts with: trim, length limit, PRI.</summary>
internal static class SyslogPri
{
    /// <summary>Trims trailing CR, LF and NUL and applies the length limit.</summary>
    internal static bool TryPrepare(ref ReadOnlySpan<byte> data, in SyslogParserOptions options, out SyslogParseError error)
    {
        int length = data.Length;
        while (length > 0 && data[length - 1] is (byte)'\n' or (byte)'\r' or 0) length--;
        data = data[..length];
        if (length == 0) { error = SyslogParseError.Empty; return false; }
        if (length > options.EffectiveMaxLength) { error = SyslogParseError.TooLong; return false; }
        error = SyslogParseError.None;
        return true;
    }

    /// <summary>
    /// <c>&lt;0&gt;</c>..<c>&lt;191&gt;</c>, 1–3 digits, no leading zero. No <c>&lt;</c> at all gives priority -1 (RFC 3164
    /// §4.3.3: a relay treats such a packet as a message); a <c>&lt;</c> that does not open a valid PRI is BadPriority.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> data, out int priority, out int next, out SyslogParseError error)
    {
        priority = -1;
        next = 0;
        error = SyslogParseError.None;
        if (data.IsEmpty || data[0] != (byte)'<') return true;

        int value = 0, i = 1;
        while (i < data.Length && i <= 4 && (uint)(data[i] - '0') <= 9)
        {
            value = value * 10 + (data[i] - '0');
            i++;
        }
        int digits = i - 1;
        if (digits is < 1 or > 3 || i >= data.Length || data[i] != (byte)'>' || value > 191 || (digits > 1 && data[1] == (byte)'0'))
        {
            error = SyslogParseError.BadPriority;
            return false;
        }
        priority = value;
        next = i + 1;
        return true;
    }
}
