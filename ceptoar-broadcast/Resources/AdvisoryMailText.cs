using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("ja")]

namespace NetOps.Ceptoar.Resources;

/// <summary>The Japanese text of advisory mails (<c>AdvisoryMail.resx</c>, the neutral culture).</summary>
public static class AdvisoryMailText
{
    private static readonly ResourceManager Resources = new("NetOps.Ceptoar.Resources.AdvisoryMail", typeof(AdvisoryMailText).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"AdvisoryMail.resx has no {key}");

    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);
}
