namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Checks a BCP 47 language tag (CSAF <c>language_t</c>, 6.1.12) as far as it can be offline: the schema checks the
/// form; this checks that a two-letter primary language subtag is an ISO 639-1 code. Three-letter codes, regions and
/// scripts are only checked for form (the IANA registry is not shipped).
/// </summary>
internal static class LanguageTag
{
    // ISO 639-1, with the deprecated codes the IANA registry still lists (in, iw, ji, jw, mo).
    private static readonly HashSet<string> Iso639_1 = new(StringComparer.OrdinalIgnoreCase)
    {
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo",
        "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es",
        "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
        "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "in", "io", "is", "it", "iu", "iw", "ja", "ji", "jv", "jw",
        "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
        "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mo", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng",
        "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro",
        "ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv",
        "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve",
        "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
    };

    /// <summary>Null if the tag passes, else why not.</summary>
    public static string? Problem(string tag)
    {
        if (tag.Length is 0 or > 100) return "empty or too long";
        // Grandfathered tags (i-default, en-GB-oed, ...) and private use (x-...) have no ISO 639 primary subtag.
        if (tag.StartsWith("i-", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("x-", StringComparison.OrdinalIgnoreCase))
            return null;
        var primary = tag.Split('-')[0];
        if (primary.Length == 2 && !Iso639_1.Contains(primary))
            return $"'{primary}' is not an ISO 639-1 language code";
        if (primary.Length is < 2 or > 8 || !primary.All(char.IsAsciiLetter))
            return $"'{primary}' is not a language subtag";
        return null;
    }
}
