namespace NetOps.Collector.Normalization;

/// <summary>
/// Splits one CSV line into field ranges without allocating. A field in double quotes may hold commas and
/// doubled quotes (<c>""</c>); its range covers the text inside the quotes. An unterminated quote runs to the
/// end of the line. Stops at <c>ranges.Length</c> fields.
/// </summary>
internal static class CsvFields
{
    /// <summary>Number of fields written to <paramref name="ranges"/>.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        int count = 0, i = 0;
        while (count < ranges.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                int s = ++i;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { i += 2; continue; }
                        break;
                    }
                    i++;
                }
                ranges[count++] = s..Math.Min(i, line.Length);
                if (i < line.Length) i++; // closing quote
                int comma = i < line.Length ? line[i..].IndexOf(',') : -1;
                if (comma < 0) return count;
                i += comma + 1;
            }
            else
            {
                int comma = i < line.Length ? line[i..].IndexOf(',') : -1;
                if (comma < 0)
                {
                    ranges[count++] = Math.Min(i, line.Length)..line.Length;
                    return count;
                }
                ranges[count++] = i..(i + comma);
                i += comma + 1;
            }
        }
        return count;
    }
}
