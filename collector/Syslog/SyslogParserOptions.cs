namespace NetOps.Collector.Syslog;

/// <summary>
/// Limits and defaults for <see cref="SyslogParser"/>. The zero value is safe: UTC for zone-less timestamps and
/// <see cref="SyslogParser.DefaultMaxMessageLength"/> bytes.
/// </summary>
public readonly struct SyslogParserOptions
{
    /// <summary>
    /// Offset assumed for BSD timestamps that carry no zone (<c>Oct 11 22:14:15</c>). Japanese devices usually log
    /// local time, so LGWAN sites set <c>+09:00</c> (JST); null means UTC. RFC 5424 timestamps always carry a zone
    /// and ignore this.
    /// </summary>
    public TimeSpan? DefaultOffset { get; init; }

    /// <summary>Longest message accepted (after trailing CR/LF/NUL are trimmed); 0 or less means the default.</summary>
    public int MaxMessageLength { get; init; }

    public SyslogParserOptions(TimeSpan? defaultOffset, int maxMessageLength = SyslogParser.DefaultMaxMessageLength)
    {
        DefaultOffset = defaultOffset;
        MaxMessageLength = maxMessageLength;
    }

    internal int EffectiveMaxLength => MaxMessageLength <= 0 ? SyslogParser.DefaultMaxMessageLength : Math.Min(MaxMessageLength, SyslogParser.MaxMessageLengthLimit);

    /// <summary>The offset to apply, or zero when no valid default is configured (|offset| ≤ 14 h, whole minutes).</summary>
    internal TimeSpan EffectiveOffset =>
        DefaultOffset is { } o && o.Ticks % TimeSpan.TicksPerMinute == 0 && o >= -SyslogTimestamp.MaxOffset && o <= SyslogTimestamp.MaxOffset
            ? o : TimeSpan.Zero;
}
