using System.Text;

namespace NetOps.Collector.Normalization;

/// <summary>
/// Builds <see cref="NormalizedMessage.Detail"/>: <c>key=value</c> pairs separated by spaces. A value with a
/// space, quote, backslash or <c>=</c> is written in double quotes with <c>\"</c> and <c>\\</c> escapes (logfmt),
/// so the detail can be split again; empty values are left out. Use as a local (it is a mutable struct).
/// </summary>
internal struct DetailBuilder
{
    /// <summary>Longest value kept; a detail is a summary, not a copy of the line.</summary>
    private const int MaxValueLength = 120;

    private StringBuilder? _sb;

    public void Add(string key, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty) return;
        if (value.Length > MaxValueLength) value = value[..MaxValueLength];
        _sb ??= new StringBuilder(64);
        if (_sb.Length > 0) _sb.Append(' ');
        _sb.Append(key).Append('=');
        if (value.IndexOfAny(" \t\"\\=") < 0 && value.IndexOfAnyInRange('\0', '\u001f') < 0)
        {
            _sb.Append(value);
            return;
        }
        _sb.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\') _sb.Append('\\').Append(c);
            else _sb.Append(c < ' ' ? ' ' : c);
        }
        _sb.Append('"');
    }

    public void Add(string key, string? value) => Add(key, value.AsSpan());

    public readonly bool IsEmpty => _sb is null || _sb.Length == 0;

    /// <summary>The detail text, or null when nothing was added.</summary>
    public readonly string? Build() => IsEmpty ? null : _sb!.ToString();
}
