using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>
/// Builds <see cref="SyslogRecord"/>s from raw shared-data lines the way the header parser would, but only as far as
/// needed: a leading <c>&lt;PRI&gt;</c> is taken off (and sets the severity) and an RFC 5424 header is split into
/// its fields. BSD headers, relay prefixes and Cisco sequence numbers stay in the message on purpose: the
/// normalisers must cope with them, because real relays add them.
/// </summary>
internal static class TestRecords
{
    private static readonly Dictionary<string, string[]> Files = new();

    /// <summary>Line <paramref name="number"/> (1-based, as in INDEX.md) of a file under shared/data/syslog.</summary>
    public static string Line(string file, int number)
    {
        string[] lines;
        lock (Files)
        {
            if (!Files.TryGetValue(file, out lines!)) Files[file] = lines = SharedData.Lines("syslog/" + file);
        }
        return lines[number - 1];
    }

    public static string[] AllLines(string file) => SharedData.Lines("syslog/" + file);

    public static SyslogRecord From(string file, int number, string? vendorHint = null) => FromLine(Line(file, number), vendorHint);

    public static SyslogRecord FromLine(string raw, string? vendorHint = null)
    {
        var text = raw.AsSpan();
        var severity = Severity.Notice;
        if (text.Length > 2 && text[0] == '<')
        {
            int close = text.IndexOf('>');
            if (close > 1 && close <= 4 && int.TryParse(text[1..close], out int pri))
            {
                severity = (Severity)(pri & 7);
                text = text[(close + 1)..];
            }
        }
        if (text.Length > 2 && text[0] == '1' && text[1] == ' ') return Rfc5424(text[2..], severity, vendorHint);
        return new SyslogRecord { Message = text.ToString(), Severity = severity, VendorHint = vendorHint };
    }

    private static SyslogRecord Rfc5424(ReadOnlySpan<char> text, Severity severity, string? vendorHint)
    {
        string?[] header = new string?[5]; // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
        for (int i = 0; i < header.Length; i++)
        {
            int space = text.IndexOf(' ');
            var field = space < 0 ? text : text[..space];
            header[i] = field is "-" ? null : field.ToString();
            text = space < 0 ? default : text[(space + 1)..];
        }
        string? sd = null;
        if (text.StartsWith("-")) text = text[1..];
        else if (text.StartsWith("["))
        {
            int i = 0;
            while (i < text.Length && text[i] == '[')
            {
                i++;
                while (i < text.Length && text[i] != ']') i += text[i] == '\\' ? 2 : 1;
                i++;
            }
            i = Math.Min(i, text.Length);
            sd = text[..i].ToString();
            text = text[i..];
        }
        if (text.StartsWith(" ")) text = text[1..];
        return new SyslogRecord
        {
            Hostname = header[1], AppName = header[2], MsgId = header[4], StructuredData = sd,
            Message = text.ToString(), Severity = severity, VendorHint = vendorHint,
        };
    }

    /// <summary>Runs a vendor normaliser and insists that it recognised the record.</summary>
    public static NormalizedMessage Recognised(IVendorNormalizer normalizer, SyslogRecord record)
    {
        Assert.True(normalizer.TryNormalize(record, out var result), $"{normalizer.Vendor} did not recognise: {record.Message}");
        Assert.NotNull(result);
        Assert.Equal(normalizer.Vendor, result.Vendor);
        return result;
    }

    /// <summary>The value of <paramref name="key"/> in a <c>key=value</c> detail (quoted values unescaped), or null.</summary>
    public static string? DetailValue(NormalizedMessage message, string key)
    {
        var d = message.Detail;
        if (d is null) return null;
        int i = 0;
        while (i < d.Length)
        {
            int eq = d.IndexOf('=', i);
            if (eq < 0) return null;
            string k = d[i..eq];
            int j = eq + 1;
            string value;
            if (j < d.Length && d[j] == '"')
            {
                var sb = new System.Text.StringBuilder();
                j++;
                while (j < d.Length && d[j] != '"')
                {
                    if (d[j] == '\\' && j + 1 < d.Length) j++;
                    sb.Append(d[j++]);
                }
                value = sb.ToString();
                j++;
            }
            else
            {
                int end = d.IndexOf(' ', j);
                if (end < 0) end = d.Length;
                value = d[j..end];
                j = end;
            }
            if (k == key) return value;
            i = j + 1;
        }
        return null;
    }
}
