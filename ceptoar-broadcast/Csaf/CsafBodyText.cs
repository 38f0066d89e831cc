using System.Globalization;
using System.Resources;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// The Japanese words the CSAF mapping puts around a publisher's text (<c>Csaf/Resources/CsafBody.resx</c>). The
/// advisory body is Japanese whoever imports it, so the neutral resource is Japanese and no UI culture applies.
/// </summary>
internal static class CsafBodyText
{
    private static readonly ResourceManager Resources = new("NetOps.Ceptoar.Csaf.Resources.CsafBody", typeof(CsafBodyText).Assembly);

    public static string Get(string name) => Resources.GetString(name, CultureInfo.InvariantCulture) ?? name;

    /// <summary>The last item of a list cut short: how many more the document lists.</summary>
    public static string More(int count) => string.Format(CultureInfo.InvariantCulture, Get("More"), count);

    public static string Remediation(string? category) =>
        Resources.GetString("Remediation_" + category, CultureInfo.InvariantCulture) ?? Get("Remediation_other");
}
