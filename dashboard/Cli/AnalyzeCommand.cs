using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetOps.Analyzer;
using NetOps.Analyzer.Windows;
using NetOps.Core.Audit;
using NetOps.Core.Influx;
using NetOps.Dashboard.Hosting;

namespace NetOps.Dashboard.Cli;

/// <summary>
/// <c>netops analyze --from T --to T [--detector NAME]</c>: runs the window detectors over a past range (after a rule
/// change, or for evaluation) and stores what they find, marked as a re-run; findings a scheduled run already stored
/// are recognised by id and not stored twice. Progress on stderr, the summary on stdout; audited.
/// </summary>
public static class AnalyzeCommand
{
    public const string Verb = "analyze";

    public static async Task<int> RunAsync(string[] args)
    {
        var (configArgs, verbArgs) = CliCommands.Split(args[1..]);
        IHost host;
        try
        {
            host = CliHost.Build(configArgs, (builder, services) =>
            {
                services.AddInflux();
                // No spool here: the running service owns the data directory's spool; a failure is reported instead.
                services.RemoveAll<IPointWriter>();
                services.AddSingleton<IPointWriter>(sp => new DirectPointWriter(sp.GetRequiredService<IInfluxClient>()));
                services.AddAnalyzerServices(builder.Configuration, collectorInProcess: false);
            });
        }
        catch (Exception e) when (StartupErrors.IsConfigurationError(e))
        {
            Console.Error.WriteLine($"netops: {StartupErrors.Describe(e)}");
            return 2;
        }
        using (host)
        {
            var from = new Option<string>("--from") { Description = "Start (ISO 8601, e.g. 2026-12-01T09:00:00+09:00)", Required = true };
            var to = new Option<string>("--to") { Description = "End (ISO 8601); default now", Required = false };
            var detector = new Option<string?>("--detector") { Description = "One detector (failover, port_scan, syn_flood, brute_force, deny_surge, anomaly)" };
            var root = new RootCommand("Run the detectors over a past range") { from, to, detector };
            root.SetAction((parse, ct) => CliCommands.InScopeAsync(host.Services, async sp =>
            {
                if (!DateTimeOffset.TryParse(parse.GetValue(from), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
                    throw new ArgumentException("--from: not a time (ISO 8601, e.g. 2026-12-01T09:00:00+09:00)");
                var end = DateTimeOffset.UtcNow;
                if (parse.GetValue(to) is { } t && !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out end))
                    throw new ArgumentException("--to: not a time (ISO 8601)");
                if (end <= start) throw new ArgumentException("--to must be after --from");
                var runner = sp.GetRequiredService<WindowRunner>();
                var progress = new Progress<RerunProgress>(p =>
                {
                    if (p.Window % 10 == 0 || p.Window == p.Windows)
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyze: {p.Detector} window {p.Window}/{p.Windows}, {p.Found} found, {p.Stored} new"));
                });
                var summary = await runner.RerunAsync(start, end, parse.GetValue(detector), progress, ct);
                await sp.GetRequiredService<IPointWriter>().FlushAsync(ct);
                await sp.GetRequiredService<AuditLog>().RecordAsync(new AuditEntry(CliCommands.Actor, "analysis.rerun", parse.GetValue(detector) ?? "all", null,
                    new { from = start, to = end, summary.Windows, summary.Found, summary.Stored }), ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"analyzed {summary.Windows} windows from {start:O} to {end:O}: {summary.Found} findings, {summary.Stored} new (marked as a re-run), {summary.Found - summary.Stored} already stored"));
                return 0;
            }));
            return await root.Parse(verbArgs).InvokeAsync();
        }
    }
}
