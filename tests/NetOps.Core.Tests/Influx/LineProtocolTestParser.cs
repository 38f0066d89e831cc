using System.Globalization;
using System.Text;
using NetOps.Core.Influx;

namespace NetOps.Core.Tests.Influx;

/// <summary>
/// A test-only line protocol reader that follows InfluxDB 1.x's rules: a separator preceded by a backslash is
/// escaped; tag and key escapes are removed only before comma, space and equals; string values unescape \" and \\.
/// </summary>
internal static class LineProtocolTestParser
{
    public static Point Parse(string line)
    {
        int i = 0;
        var measurement = Unescape(Scan(line, ref i, static c => c is ',' or ' '), ", ");
        var tags = new List<KeyValuePair<string, string>>();
        while (line[i] == ',')
        {
            i++;
            var key = Unescape(Scan(line, ref i, static c => c == '='), ", =");
            i++;
            var value = Unescape(Scan(line, ref i, static c => c is ',' or ' '), ", =");
            tags.Add(new(key, value));
        }
        Expect(line, ref i, ' ');
        var fields = new List<KeyValuePair<string, FieldValue>>();
        while (true)
        {
            var key = Unescape(Scan(line, ref i, static c => c == '='), ", =");
            i++;
            fields.Add(new(key, ReadValue(line, ref i)));
            if (line[i] == ',') { i++; continue; }
            break;
        }
        Expect(line, ref i, ' ');
        var point = new Point(measurement, long.Parse(line.AsSpan(i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        foreach (var (k, v) in tags) point.Tag(k, v);
        foreach (var (k, v) in fields) point.Field(k, v);
        return point;
    }

    private static FieldValue ReadValue(string line, ref int i)
    {
        if (line[i] == '"')
        {
            var sb = new StringBuilder();
            i++;
            while (line[i] != '"')
            {
                if (line[i] == '\\' && line[i + 1] is '"' or '\\') { sb.Append(line[i + 1]); i += 2; }
                else sb.Append(line[i++]);
            }
            i++;
            return FieldValue.String(sb.ToString());
        }
        int start = i;
        while (line[i] is not (',' or ' ')) i++;
        var text = line[start..i];
        if (text is "true") return true;
        if (text is "false") return false;
        if (text.EndsWith('i')) return FieldValue.Integer(long.Parse(text[..^1], CultureInfo.InvariantCulture));
        return FieldValue.Float(double.Parse(text, CultureInfo.InvariantCulture));
    }

    private static string Scan(string line, ref int i, Func<char, bool> stop)
    {
        int start = i;
        while (i < line.Length && !(stop(line[i]) && (i == start || line[i - 1] != '\\'))) i++;
        return line[start..i];
    }

    private static string Unescape(string s, string specials)
    {
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length && specials.Contains(s[i + 1], StringComparison.Ordinal)) { sb.Append(s[i + 1]); i++; }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private static void Expect(string line, ref int i, char c)
    {
        if (line[i] != c) throw new FormatException($"expected '{c}' at {i} in {line}");
        i++;
    }
}
