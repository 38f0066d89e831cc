using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace NetOps.Core.Influx;

/// <summary>
/// Encodes <see cref="Point"/>s as InfluxDB line protocol (InfluxDB 1.x <c>/write</c>, also served by 2.x and 3.x):
/// <c>measurement[,tag=value…] field=value[,…] timestamp_ns\n</c>.
/// </summary>
/// <remarks>
/// Escaping follows the line protocol reference: measurement names escape comma and space; tag keys, tag values and
/// field keys escape comma, equals sign and space; string field values are double-quoted and escape <c>"</c> and
/// <c>\</c>. Line protocol has no escape for a newline, and a name that ends in a backslash would swallow the
/// separator after it, so such points are rejected rather than stored wrongly.
/// </remarks>
public static class LineProtocol
{
    /// <summary>Appends one line (with its trailing <c>\n</c>) to <paramref name="output"/>.</summary>
    /// <exception cref="LineProtocolException">The point cannot be represented; nothing is written.</exception>
    public static void Write(IBufferWriter<byte> output, Point point)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(point);
        WriteValidated(output, point);
    }

    /// <summary>The point's line, without the trailing newline (for logs and tests).</summary>
    public static string Encode(Point point)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        Write(buffer, point);
        return Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    /// <summary>Throws a <see cref="LineProtocolException"/> naming the problem when the point cannot be encoded.</summary>
    public static void Validate(Point point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var error = FindError(point);
        if (error is not null) ThrowInvalid(point, error);
    }

    /// <summary>True when the point can be encoded; otherwise <paramref name="error"/> says why.</summary>
    public static bool TryValidate(Point point, out string? error)
    {
        ArgumentNullException.ThrowIfNull(point);
        error = FindError(point);
        return error is null;
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot be a tag value (empty, a newline, a backslash line protocol cannot
    /// represent), or null when it can. The inventory checks device names with this at load.
    /// </summary>
    public static string? TagValueProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CheckName(value, EscapeKind.Key);
    }

    private static string? FindError(Point point)
    {
        if (point.Fields.Count == 0) return "has no fields; InfluxDB needs at least one";
        if (CheckName(point.Measurement, EscapeKind.Measurement) is { } m) return $"measurement {m}";
        if (point.Measurement[0] == '#') return "measurement starts with '#', which line protocol reads as a comment";
        foreach (var (key, value) in point.Tags)
        {
            if (CheckName(key, EscapeKind.Key) is { } k) return $"tag key '{Excerpt(key)}' {k}";
            if (value.Length == 0) return $"tag '{Excerpt(key)}' has an empty value; omit the tag instead";
            if (CheckName(value, EscapeKind.Key) is { } v) return $"tag '{Excerpt(key)}' value {v}";
            if (key == "time") return "tag key 'time' is reserved by InfluxDB";
        }
        foreach (var (key, value) in point.Fields)
        {
            if (CheckName(key, EscapeKind.Key) is { } k) return $"field key '{Excerpt(key)}' {k}";
            if (key == "time") return "field key 'time' is reserved by InfluxDB";
            switch (value.Type)
            {
                case FieldType.Float when !double.IsFinite(value.AsFloat):
                    return $"field '{Excerpt(key)}' is {value.AsFloat.ToString(CultureInfo.InvariantCulture)}; InfluxDB stores only finite floats";
                case FieldType.String when value.StringValue!.AsSpan().IndexOfAny('\n', '\r') >= 0:
                    return $"field '{Excerpt(key)}' string value contains a newline, which line protocol cannot carry";
            }
        }
        foreach (var (key, _) in point.Tags)
        {
            foreach (var (fieldKey, _) in point.Fields)
            {
                if (string.Equals(key, fieldKey, StringComparison.Ordinal))
                    return $"'{Excerpt(key)}' is both a tag and a field key";
            }
        }
        return null;
    }

    private static string? CheckName(string s, EscapeKind kind)
    {
        if (s.Length == 0) return "is empty";
        if (s.AsSpan().IndexOfAny('\n', '\r') >= 0) return "contains a newline";
        for (int i = s.IndexOf('\\', StringComparison.Ordinal); i >= 0; i = s.IndexOf('\\', i + 1))
        {
            // Line protocol has no escape for a backslash in names: InfluxDB 1.x reads "\\," or "\\ " (and a trailing
            // backslash before the separator) as escapes and stores something else, so refuse rather than corrupt.
            if (i == s.Length - 1) return "ends with a backslash, which line protocol cannot represent";
            if (NeedsEscape(s[i + 1], kind)) return $"has a backslash before '{s[i + 1]}', which line protocol cannot represent";
        }
        return null;
    }

    private static string Excerpt(string s)
    {
        var e = s.Length > 40 ? s[..40] + "…" : s;
        return e.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid(Point point, string problem) =>
        throw new LineProtocolException($"Point '{Excerpt(point.Measurement)}' at {point.TimestampNs} ns cannot be written: {problem}");

    private static void WriteValidated(IBufferWriter<byte> output, Point point)
    {
        WriteEscaped(output, point.Measurement, EscapeKind.Measurement);
        var tags = point.Tags;
        for (int t = 0; t < tags.Count; t++)
        {
            var (key, value) = tags[t];
            WriteByte(output, (byte)',');
            WriteEscaped(output, key, EscapeKind.Key);
            WriteByte(output, (byte)'=');
            WriteEscaped(output, value, EscapeKind.Key);
        }
        WriteByte(output, (byte)' ');
        var fields = point.Fields;
        for (int f = 0; f < fields.Count; f++)
        {
            var (key, value) = fields[f];
            if (f > 0) WriteByte(output, (byte)',');
            WriteEscaped(output, key, EscapeKind.Key);
            WriteByte(output, (byte)'=');
            WriteFieldValue(output, value);
        }
        WriteByte(output, (byte)' ');
        WriteFormatted(output, point.TimestampNs, default);
        WriteByte(output, (byte)'\n');
    }

    private enum EscapeKind { Measurement, Key, StringValue }

    private static void WriteFieldValue(IBufferWriter<byte> output, FieldValue value)
    {
        switch (value.Type)
        {
            case FieldType.Float:
                // "R" is the shortest string that parses back to the same double.
                WriteFormatted(output, value.AsFloat, "R");
                break;
            case FieldType.Integer:
                WriteFormatted(output, value.AsInteger, default);
                WriteByte(output, (byte)'i');
                break;
            case FieldType.Boolean:
                WriteAscii(output, value.AsBoolean ? "true"u8 : "false"u8);
                break;
            default:
                WriteByte(output, (byte)'"');
                WriteEscaped(output, value.StringValue!, EscapeKind.StringValue);
                WriteByte(output, (byte)'"');
                break;
        }
    }

    private static bool NeedsEscape(char c, EscapeKind kind) => kind switch
    {
        EscapeKind.Measurement => c is ',' or ' ',
        EscapeKind.Key => c is ',' or ' ' or '=',
        _ => c is '"' or '\\',
    };

    private static void WriteEscaped(IBufferWriter<byte> output, string s, EscapeKind kind)
    {
        var span = s.AsSpan();
        while (span.Length > 0)
        {
            int i = 0;
            while (i < span.Length && !NeedsEscape(span[i], kind)) i++;
            if (i > 0)
            {
                var chunk = span[..i];
                var dest = output.GetSpan(Encoding.UTF8.GetByteCount(chunk));
                int written = Encoding.UTF8.GetBytes(chunk, dest);
                output.Advance(written);
                span = span[i..];
            }
            if (span.Length > 0)
            {
                var dest = output.GetSpan(2);
                dest[0] = (byte)'\\';
                dest[1] = (byte)span[0];
                output.Advance(2);
                span = span[1..];
            }
        }
    }

    private static void WriteFormatted<T>(IBufferWriter<byte> output, T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var dest = output.GetSpan(32);
        if (!value.TryFormat(dest, out int written, format, CultureInfo.InvariantCulture))
        {
            dest = output.GetSpan(64);
            value.TryFormat(dest, out written, format, CultureInfo.InvariantCulture);
        }
        output.Advance(written);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private static void WriteAscii(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
