using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("ja")]

namespace NetOps.Alerting.Resources;

/// <summary>The Japanese text of pages (<c>AlertMail.resx</c>, the neutral culture).</summary>
public static class AlertMailText
{
    private static readonly ResourceManager Resources = new("NetOps.Alerting.Resources.AlertMail", typeof(AlertMailText).Assembly);

    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"AlertMail.resx has no {key}");

    /// <summary>The text for <paramref name="key"/>, or <paramref name="fallback"/> when the resource has none (an unknown kind from Prometheus).</summary>
    public static string GetOr(string key, string fallback) => Resources.GetString(key, CultureInfo.InvariantCulture) ?? fallback;

    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);
}
