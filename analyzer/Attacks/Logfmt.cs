namespace NetOps.Analyzer.Attacks;

/// <summary>
/// Reads an event's <c>detail</c> (<c>key=value</c> pairs, values with spaces in double quotes with <c>\"</c> and
/// <c>\\</c> escapes, as the collector writes them). Lenient: text it cannot split is skipped, never thrown on.
/// </summary>
public static class Logfmt
{
    public static Dictionary<string, string> Parse(string? text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text)) return pairs;
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ') i++;
            int keyStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ' ') i++;
            if (i >= text.Length || text[i] != '=') continue;
            string key = text[keyStart..i];
            i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && text[i] != ' ') i++;
                value = text[valueStart..i];
            }
            if (key.Length > 0) pairs.TryAdd(key, value);
        }
        return pairs;
    }
}
