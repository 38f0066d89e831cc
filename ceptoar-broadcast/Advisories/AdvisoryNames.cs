namespace NetOps.Ceptoar.Advisories;

/// <summary>The API's and the state DB's names of the advisory enums (<c>urgent</c>, <c>amber+strict</c>, <c>sending</c>).</summary>
public static class AdvisoryNames
{
    public static string Of(AdvisorySeverity s) => s.ToString().ToLowerInvariant();

    public static string Of(AdvisoryKind k) => k.ToString().ToLowerInvariant();

    public static string Of(AdvisoryState s) => s.ToString().ToLowerInvariant();

    public static string Of(TrafficLightProtocol t) => t == TrafficLightProtocol.AmberStrict ? "amber+strict" : t.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AdvisorySeverity value) => TryParseEnum(text, out value);

    public static bool TryParse(string? text, out AdvisoryKind value) => TryParseEnum(text, out value);

    public static bool TryParse(string? text, out AdvisoryState value) => TryParseEnum(text, out value);

    /// <summary>TLP as TLP 2.0 writes it, with or without <c>TLP:</c>, any case; CSAF 2.0's <c>WHITE</c> is <c>CLEAR</c>.</summary>
    public static bool TryParse(string? text, out TrafficLightProtocol value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToLowerInvariant();
        if (t.StartsWith("tlp:", StringComparison.Ordinal)) t = t[4..];
        switch (t)
        {
            case "clear" or "white": value = TrafficLightProtocol.Clear; return true;
            case "green": value = TrafficLightProtocol.Green; return true;
            case "amber": value = TrafficLightProtocol.Amber; return true;
            case "amber+strict" or "amberstrict" or "amber_strict": value = TrafficLightProtocol.AmberStrict; return true;
            case "red": value = TrafficLightProtocol.Red; return true;
            default: return false;
        }
    }

    private static bool TryParseEnum<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        // Enum.TryParse would also take numbers ("0"); only the names are part of the API.
        if (string.IsNullOrWhiteSpace(text) || !text.All(char.IsAsciiLetter)) return false;
        return Enum.TryParse(text, ignoreCase: true, out value);
    }
}
