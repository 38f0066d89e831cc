namespace NetOps.Collector.Normalization;

/// <summary>
/// Span helpers shared by the vendor normalisers. Every method checks its bounds and returns "not found"
/// (-1 or an empty span) instead of throwing, because the text comes from the network.
/// </summary>
internal static class TextScan
{
    /// <summary>Longest <see cref="NormalizedMessage.Message"/> we keep; the raw line is not the system of record.</summary>
    public const int MaxMessageLength = 200;

    /// <summary>Index just past the first <paramref name="marker"/> at or after <paramref name="start"/>, or -1.</summary>
    public static int IndexAfter(ReadOnlySpan<char> text, ReadOnlySpan<char> marker, int start = 0, StringComparison comparison = StringComparison.Ordinal)
    {
        if ((uint)start > (uint)text.Length) return -1;
        int i = text[start..].IndexOf(marker, comparison);
        return i < 0 ? -1 : start + i + marker.Length;
    }

    /// <summary>The run of non-space characters at <paramref name="start"/> (after skipping spaces).</summary>
    public static ReadOnlySpan<char> Token(ReadOnlySpan<char> text, int start) => Token(text, start, out _);

    /// <summary>The run of non-space characters at <paramref name="start"/> (after skipping spaces); <paramref name="end"/> is just past it.</summary>
    public static ReadOnlySpan<char> Token(ReadOnlySpan<char> text, int start, out int end)
    {
        if (start < 0 || start >= text.Length) { end = text.Length; return default; }
        int i = start;
        while (i < text.Length && IsSpace(text[i])) i++;
        int s = i;
        while (i < text.Length && !IsSpace(text[i])) i++;
        end = i;
        return text[s..i];
    }

    /// <summary>The token after the first occurrence of <paramref name="marker"/>, or empty.</summary>
    public static ReadOnlySpan<char> TokenAfter(ReadOnlySpan<char> text, ReadOnlySpan<char> marker, StringComparison comparison = StringComparison.Ordinal)
    {
        int i = IndexAfter(text, marker, 0, comparison);
        return i < 0 ? default : Token(text, i);
    }

    /// <summary>Text between <paramref name="open"/> and the next <paramref name="close"/> after it, or empty.</summary>
    public static ReadOnlySpan<char> Between(ReadOnlySpan<char> text, ReadOnlySpan<char> open, ReadOnlySpan<char> close, StringComparison comparison = StringComparison.Ordinal)
    {
        int s = IndexAfter(text, open, 0, comparison);
        if (s < 0) return default;
        int e = text[s..].IndexOf(close, comparison);
        return e < 0 ? default : text.Slice(s, e);
    }

    /// <summary>Removes trailing punctuation a token picks up from prose: <c>,</c> <c>.</c> <c>;</c> <c>:</c> <c>'</c> <c>"</c> <c>!</c>.</summary>
    public static ReadOnlySpan<char> TrimPunctuation(ReadOnlySpan<char> token)
    {
        int end = token.Length;
        while (end > 0 && token[end - 1] is ',' or '.' or ';' or ':' or '\'' or '"' or '!') end--;
        int start = 0;
        while (start < end && token[start] is '\'' or '"') start++;
        return token[start..end];
    }

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsUpper(char c) => (uint)(c - 'A') <= 'Z' - 'A';

    /// <summary>A token that looks like an IPv4 or IPv6 address (optionally with a port), not a word.</summary>
    public static bool LooksLikeAddress(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty) return false;
        bool separator = false;
        foreach (char c in token)
        {
            if (c is '.' or ':') separator = true;
            else if (!(IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a' || c is '(' or ')' or '/' or '[' or ']' or '%')) return false;
        }
        return separator && (IsDigit(token[0]) || token[0] == ':' || (uint)((token[0] | 0x20) - 'a') <= 'f' - 'a');
    }

    /// <summary>A trimmed copy of at most <see cref="MaxMessageLength"/> characters, control characters replaced by spaces.</summary>
    public static string Clip(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length > MaxMessageLength) text = text[..MaxMessageLength];
        if (text.IsEmpty) return "";
        if (text.IndexOfAnyInRange('\0', '\u001f') < 0) return text.ToString();
        return string.Create(text.Length, text.ToString(), static (dst, src) =>
        {
            for (int i = 0; i < dst.Length; i++) dst[i] = src[i] < ' ' ? ' ' : src[i];
        });
    }

    /// <summary>Syslog severity from a vendor's level word (FortiOS <c>level=</c>, PAN-OS severity column).</summary>
    public static NetOps.Core.Events.Severity? SeverityFromWord(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return null;
        if (word.Equals("emergency", StringComparison.OrdinalIgnoreCase)) return NetOps.Core.Events.Severity.Emergency;
        if (word.Equals("alert", StringComparison.OrdinalIgnoreCase)) return NetOps.Core.Events.Severity.Alert;
        if (word.Equals("critical", StringComparison.OrdinalIgnoreCase)) return NetOps.Core.Events.Severity.Critical;
        if (word.Equals("error", StringComparison.OrdinalIgnoreCase) || word.Equals("high", StringComparison.OrdinalIgnoreCase))
            return NetOps.Core.Events.Severity.Error;
        if (word.Equals("warning", StringComparison.OrdinalIgnoreCase) || word.Equals("medium", StringComparison.OrdinalIgnoreCase))
            return NetOps.Core.Events.Severity.Warning;
        if (word.Equals("notice", StringComparison.OrdinalIgnoreCase) || word.Equals("low", StringComparison.OrdinalIgnoreCase))
            return NetOps.Core.Events.Severity.Notice;
        if (word.StartsWith("info", StringComparison.OrdinalIgnoreCase)) return NetOps.Core.Events.Severity.Info;
        if (word.Equals("debug", StringComparison.OrdinalIgnoreCase)) return NetOps.Core.Events.Severity.Debug;
        return null;
    }
}
