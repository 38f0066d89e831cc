using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetOps.Core.Metrics;
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
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<NetOpsMetrics>();
        DotNetStats.Register(metrics.Registry);
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = WriteHealthAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapMetrics("/metrics", metrics.Registry);
        app.MapGet("/", () => Results.Text("NetOps is running. GET /health, GET /metrics.\n"));
        return app;
    }

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
