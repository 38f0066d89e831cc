using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>A bUnit context with the dashboard's real localisation (Strings.resx, Japanese first).</summary>
public abstract class BunitHost : BunitContext
{
    protected BunitHost(string culture = "ja-JP")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        Services.AddLocalization();
    }
}
