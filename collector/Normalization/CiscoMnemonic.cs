namespace NetOps.Collector.Normalization;

/// <summary>
/// Where <c>%FACILITY[-SUB]-SEVERITY-MNEMONIC:</c> sits in a Cisco message (offsets into the text, no copies).
/// IOS-XR puts a space before the colon (<c>%ROUTING-BGP-5-ADJCHANGE :</c>); a bare mnemonic at the end of the
/// text is accepted too.
/// </summary>
internal readonly struct CiscoMnemonic
{
    /// <summary>Scan no further than this for the mnemonic: relay prefixes are short, the body is not searched.</summary>
    private const int MaxSearch = 256;

    /// <summary>Index of the <c>%</c>.</summary>
    public int Start { get; init; }
    public int FacilityEnd { get; init; }
    public int MnemonicStart { get; init; }
    public int MnemonicEnd { get; init; }
    public int Severity { get; init; }
    /// <summary>Index just past the colon, where the message body starts.</summary>
    public int BodyStart { get; init; }

    public ReadOnlySpan<char> Facility(ReadOnlySpan<char> text) => text[(Start + 1)..FacilityEnd];
    public ReadOnlySpan<char> Mnemonic(ReadOnlySpan<char> text) => text[MnemonicStart..MnemonicEnd];

    public static bool TryFind(ReadOnlySpan<char> text, out CiscoMnemonic found)
    {
        found = default;
        int limit = Math.Min(text.Length, MaxSearch);
        for (int i = 0; i < limit; i++)
        {
            if (text[i] != '%') continue;
            if (TryAt(text, i, out found)) return true;
        }
        return false;
    }

    private static bool TryAt(ReadOnlySpan<char> text, int at, out CiscoMnemonic found)
    {
        found = default;
        // Parts: [A-Z][A-Z0-9_]* separated by '-'; the second-to-last is one digit 0-7.
        int i = at + 1;
        if (i >= text.Length || !TextScan.IsUpper(text[i])) return false;
        int lastDash = -1, prevDash = -1, parts = 0;
        while (true)
        {
            int s = i;
            while (i < text.Length && (TextScan.IsUpper(text[i]) || TextScan.IsDigit(text[i]) || text[i] == '_')) i++;
            if (i == s) return false;
            parts++;
            if (i < text.Length && text[i] == '-' && parts < 8)
            {
                prevDash = lastDash;
                lastDash = i;
                i++;
                continue;
            }
            break;
        }
        if (parts < 3 || lastDash - prevDash != 2) return false;
        char sev = text[prevDash + 1];
        if (sev is < '0' or > '7') return false;
        int end = i, j = i;
        while (j < text.Length && j - end < 2 && text[j] == ' ') j++;
        int body;
        if (j < text.Length && text[j] == ':') body = j + 1;
        else if (j >= text.Length) body = text.Length;
        else return false;
        found = new CiscoMnemonic
        {
            Start = at, FacilityEnd = prevDash, MnemonicStart = lastDash + 1, MnemonicEnd = end,
            Severity = sev - '0', BodyStart = body,
        };
        return true;
    }
}
