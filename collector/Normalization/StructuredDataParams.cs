namespace NetOps.Collector.Normalization;

/// <summary>
/// Reads PARAM-VALUEs out of RFC 5424 STRUCTURED-DATA text (<c>[junos@2636.1.1.1.2.39 source-address="10.0.0.1" …]</c>),
/// honouring the <c>\"</c>, <c>\\</c> and <c>\]</c> escapes. Values are returned raw (escapes left in), which is
/// enough for addresses, names and states.
/// </summary>
internal static class StructuredDataParams
{
    /// <summary>The value of <paramref name="name"/> in <paramref name="sd"/>, or false.</summary>
    public static bool TryGet(ReadOnlySpan<char> sd, ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        value = default;
        int i = 0;
        while (i < sd.Length)
        {
            int hit = sd[i..].IndexOf(name, StringComparison.Ordinal);
            if (hit < 0) return false;
            int k = i + hit;
            int eq = k + name.Length;
            bool boundary = k > 0 && sd[k - 1] == ' ';
            if (boundary && eq + 1 < sd.Length && sd[eq] == '=' && sd[eq + 1] == '"')
            {
                int s = eq + 2, j = s;
                while (j < sd.Length && sd[j] != '"')
                {
                    if (sd[j] == '\\') j++;
                    j++;
                }
                if (j > sd.Length) j = sd.Length;
                value = sd[s..j];
                return true;
            }
            i = k + 1;
        }
        return false;
    }
}
