namespace NetOps.Dashboard.Reports;

/// <summary>The auditors' reports: <c>Reports:*</c> options, the drill count, the layout and the export.</summary>
public static class ReportsServiceExtensions
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>().BindConfiguration("Reports")
            .Validate(o => string.IsNullOrWhiteSpace(o.FontPath) || ReportFonts.Check(o.FontPath) is null,
                "Reports:FontPath: not a TrueType font file (a .ttf with Japanese glyphs, e.g. /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf; .ttc and CFF .otf are refused)")
            .Validate(o => o.MaxIncidents is > 0 and <= 1_000_000, "Reports:MaxIncidents: 1 to 1,000,000")
            .ValidateOnStart();
        builder.Services.AddScoped<IDrillCounter, StoreDrillCounter>();
        builder.Services.AddScoped<ReportBuilder>();
        builder.Services.AddScoped<ReportService>();
        return builder;
    }
}
