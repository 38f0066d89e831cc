using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetOps.Core.Metrics;
using NetOps.Dashboard.Auth;
using NetOps.Dashboard.Api;
using NetOps.Dashboard.Reports;
using NetOps.Dashboard.Ui;
using Prometheus;

namespace NetOps.Dashboard.Hosting;

/// <summary>The HTTP side every process has (health, metrics) and, with the dashboard role, the UI.</summary>
public static class DashboardServiceExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Dashboard").Get<DashboardOptions>() ?? new DashboardOptions();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new InvalidOperationException($"Dashboard:Url '{options.Url}' is not an http:// or https:// URL");
        builder.WebHost.UseUrls(options.Url);
        builder.Services.AddHealthChecks();
        builder.AddNetOpsAuth();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NetOps HTTP API";
            document.Info.Description = "Sign in with a cookie from /login or Authorization: Bearer TOKEN (./netops user token NAME). JSON in camelCase, times ISO 8601 UTC, errors as RFC 7807 problem details.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        builder.AddUi();
        builder.AddReports();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<NetOpsMetrics>();
        DotNetStats.Register(metrics.Registry);
        app.UseExceptionHandler();
        app.UseStaticFiles();
        // Before sign-in and authorization, so that their pages (the 403) speak the person's language.
        app.UseRequestLocalization();
        app.UseNetOpsAuth();
        // Open without sign-in (DESIGN.md): health, metrics, the sign-in page, static files, signed-link pages.
        app.MapHealthChecks("/health", HealthOptions()).AllowAnonymous();
        app.MapMetrics("/metrics", metrics.Registry).AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(NetOpsPolicies.SignedIn);
        app.MapAccount();
        app.MapApi();
        app.MapAlertmanagerApi();
        app.MapAcknowledgements();
        app.MapUi();
        return app;
    }

    private static HealthCheckOptions HealthOptions() => new()
    {
        ResponseWriter = WriteHealthAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                reason = e.Value.Description ?? e.Value.Exception?.Message,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true }));
    }
}
