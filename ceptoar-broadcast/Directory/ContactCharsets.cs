namespace NetOps.Ceptoar.Directory;

/// <summary>
/// The character sets a contact may ask its advisory mails in: <c>utf-8</c> (the default) or <c>iso-2022-jp</c>
/// (RFC 1468, for older Japanese mail clients). Stored and shown by these names.
/// </summary>
public static class ContactCharsets
{
    public const string Utf8 = "utf-8";
    public const string Iso2022Jp = "iso-2022-jp";

    /// <summary>The stored name of <paramref name="value"/> (case-insensitive; <c>utf8</c> is taken for <c>utf-8</c>); false for anything else.</summary>
    public static bool TryNormalize(string? value, out string charset)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "utf-8" or "utf8":
                charset = Utf8;
                return true;
            case "iso-2022-jp":
                charset = Iso2022Jp;
                return true;
            default:
                charset = Utf8;
                return false;
        }
    }
}
