using System.Globalization;
using Microsoft.AspNetCore.Localization;
using NetOps.Dashboard.Auth;
using NetOps.Dashboard.Components;

namespace NetOps.Dashboard.Ui;

/// <summary>The Blazor Server UI: components, localisation and the services pages subscribe to.</summary>
public static class UiServiceExtensions
{
    /// <summary>Japanese first (the neutral resources); English second.</summary>
    public static readonly CultureInfo[] Cultures = [new("ja-JP"), new("en")];

    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Run from the build output (./netops demo, the tests) in any environment: serve wwwroot and the framework's
        // scripts from the static web assets manifest beside NetOps.dll. Published output has no manifest and needs none.
        builder.WebHost.UseStaticWebAssets();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The person's choice (the user menu's cookie) first, then the browser's languages.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddScoped<CircuitClient>();
        services.AddScoped<UiAuthorization>();
        services.AddScoped<InventoryEditor>();
        services.AddScoped<DirectoryEditor>();
        services.AddScoped<AdvisoryDesk>();
        services.AddScoped<UserAdminActions>();
        services.AddSingleton<OverviewService>();
        services.AddHostedService(sp => sp.GetRequiredService<OverviewService>());
        services.AddSingleton<Board.SiteBoard>();
        services.AddHostedService(sp => sp.GetRequiredService<Board.SiteBoard>());
        services.AddSingleton<Board.SiteHistory>();
        services.AddScoped<Drills.DrillReports>();
        return builder;
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapUiPreferences();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// The user menu's language switch: a culture cookie, then back to the page. Open without sign-in so that the
    /// sign-in page can switch too; it only sets a preference.
    /// </summary>
    private static void MapUiPreferences(this WebApplication app)
    {
        app.MapGet("/ui/culture", (string? culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = Cultures.FirstOrDefault(c => string.Equals(c.Name, culture, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            return Results.LocalRedirect(AccountEndpoints.IsLocalPath(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
