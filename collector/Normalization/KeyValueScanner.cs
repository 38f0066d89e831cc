using System.Buffers;

namespace NetOps.Collector.Normalization;

/// <summary>
/// Walks <c>key=value</c> pairs (FortiOS logs) without allocating: values may be bare or in double quotes
/// (with spaces and <c>\"</c> inside); tokens without <c>=</c> are skipped, which absorbs relay prefixes
/// (<c>Dec 23 11:13:03 </c>) and the FortiOS 4 quirk <c>time=10: 13:03</c>. A leading <c>&lt;PRI&gt;</c> is skipped.
/// </summary>
internal ref struct KeyValueScanner
{
    private static readonly SearchValues<char> KeyStops = SearchValues.Create(" \t\r\n=\"");
    private static readonly SearchValues<char> Spaces = SearchValues.Create(" \t\r\n");
    private static readonly SearchValues<char> QuoteStops = SearchValues.Create("\"\\");

    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public KeyValueScanner(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
        if (!text.IsEmpty && text[0] == '<')
        {
            int close = text.IndexOf('>');
            if (close > 0 && close <= 4) _pos = close + 1;
        }
        Key = default;
        Value = default;
    }

    public ReadOnlySpan<char> Key { get; private set; }

    /// <summary>The value without its quotes; escapes are left as written.</summary>
    public ReadOnlySpan<char> Value { get; private set; }

    public bool MoveNext()
    {
        var t = _text;
        while (_pos < t.Length)
        {
            while (_pos < t.Length && TextScan.IsSpace(t[_pos])) _pos++;
            int start = _pos;
            int stop = t[_pos..].IndexOfAny(KeyStops);
            if (stop < 0) return false;
            _pos += stop;
            if (t[_pos] != '=' || _pos == start)
            {
                // Not a key: skip this token (a quoted stray value is skipped as a whole).
                if (t[_pos] == '"') SkipQuoted(t);
                while (_pos < t.Length && !TextScan.IsSpace(t[_pos])) _pos++;
                continue;
            }
            Key = t[start.._pos];
            _pos++; // '='
            if (_pos < t.Length && t[_pos] == '"')
            {
                int vs = _pos + 1;
                int close = SkipQuoted(t);
                Value = t[Math.Min(vs, t.Length)..(close < 0 ? t.Length : close)];
            }
            else
            {
                int vs = _pos;
                int space = t[_pos..].IndexOfAny(Spaces);
                _pos = space < 0 ? t.Length : _pos + space;
                Value = t[vs.._pos];
            }
            return true;
        }
        return false;
    }

    /// <summary>At an opening quote: moves just past the closing quote and returns its index, or moves to the end and returns -1.</summary>
    private int SkipQuoted(ReadOnlySpan<char> t)
    {
        _pos++;
        while (_pos < t.Length)
        {
            int stop = t[_pos..].IndexOfAny(QuoteStops);
            if (stop < 0) { _pos = t.Length; break; }
            _pos += stop;
            if (t[_pos] == '"') break;
            _pos += 2; // backslash and the character it escapes
        }
        if (_pos >= t.Length) { _pos = t.Length; return -1; }
        return _pos++;
    }
}
