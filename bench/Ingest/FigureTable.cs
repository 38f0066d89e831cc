using System.Globalization;
using System.Text;

namespace NetOps.Bench.Ingest;

/// <summary>The latency harnesses' figures: nearest-rank percentiles, milliseconds, and a Markdown table of them.</summary>
public static class FigureTable
{
    /// <summary>Nearest rank: the smallest value with at least <paramref name="q"/> of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Seconds as whole milliseconds with thousands separators.</summary>
    public static string Ms(double seconds) => (seconds * 1000).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A Markdown table, the first row its head: the first column left, figures right, so digits line up.</summary>
    public static string Columns(List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        var sb = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append("| ");
            for (var i = 0; i < rows[r].Length; i++) sb.Append(i == 0 ? rows[r][i].PadRight(widths[i]) : rows[r][i].PadLeft(widths[i])).Append(" | ");
            sb.Length -= 1;
            sb.AppendLine();
            if (r == 0)
            {
                sb.Append('|');
                foreach (var w in widths) sb.Append(new string('-', w + 2)).Append('|');
                sb.AppendLine();
            }
        }
        return sb.ToString().TrimEnd();
    }
}
