using NetOps.Dashboard.Components;

namespace NetOps.Dashboard.Ui;

/// <summary>The Blazor Server UI: components, localisation and the services pages subscribe to.</summary>
public static class UiServiceExtensions
{
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
