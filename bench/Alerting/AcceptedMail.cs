namespace NetOps.Bench.Alerting;

/// <summary>One message the bench's SMTP server answered 250 to, as its log line tells.</summary>
/// <param name="AcceptedAt">The server's wall clock when it took the message (same clock as the harness: one machine).</param>
/// <param name="GroupLine">The body's <c>グループ: …（N件）</c> line: the group and how many alerts it holds.</param>
/// <param name="Tokens">The <c>[bench:NAME]</c> markers in the body, which the harness put in detection messages.</param>
public sealed record AcceptedMail(DateTimeOffset AcceptedAt, string MessageId, string Recipients, string Subject, string GroupLine, IReadOnlyList<string> Tokens)
{
    /// <summary>Parses one tab-separated line of <c>timed_smtp_sink.py</c>; null for a line cut short.</summary>
    public static AcceptedMail? Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 6 || !long.TryParse(f[0], System.Globalization.CultureInfo.InvariantCulture, out var ns)) return null;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000).AddTicks(ns % 1_000_000 / 100);
        return new AcceptedMail(at, f[1], f[2], f[3], f[4], f[5].Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The alert count of the group line (<c>（310件）</c>); null when the line has none.</summary>
    public int? GroupAlerts
    {
        get
        {
            var open = GroupLine.LastIndexOf('（');
            var close = GroupLine.LastIndexOf("件）", StringComparison.Ordinal);
            return open >= 0 && close > open && int.TryParse(GroupLine.AsSpan(open + 1, close - open - 1), System.Globalization.NumberStyles.AllowThousands,
                System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        }
    }
}
