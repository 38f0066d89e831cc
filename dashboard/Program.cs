using Microsoft.Extensions.Options;
using NetOps.Alerting;
using NetOps.Analyzer;
using NetOps.Ceptoar;
using NetOps.Collector;
using NetOps.Core.Hosting;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Cli;
using NetOps.Dashboard.Hosting;

// `netops replay FILE …`: a short-lived host that replays a capture into InfluxDB and exits (no listeners, no Kestrel).
if (args.Length > 0 && args[0] == ReplayCommand.Verb) return await ReplayCommand.RunAsync(args[1..]);
// `netops user|audit|db|inventory …`: administration verbs against the state DB.
if (args.Length > 0 && CliCommands.Verbs.Contains(args[0])) return await CliCommands.RunAsync(args);
// `netops analyze --from T --to T [--detector NAME]`: the detectors over a past range.
if (args.Length > 0 && args[0] == AnalyzeCommand.Verb) return await AnalyzeCommand.RunAsync(args);

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddNetOpsConfiguration(args);
    builder.AddNetOpsCore();
    builder.AddCollector();
    builder.AddAnalyzer();
    builder.AddAlerting();
    builder.AddCeptoar();
    builder.AddDashboard();

    var app = builder.Build();
    // Every setting is checked before any part is built: the host builds its hosted services before it runs the
    // start-up validation, and building some of them migrates and seeds the state DB, so a bad port would otherwise
    // be reported only after that work (and with a DB changed by a start that was never going to run).
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.MapDashboard();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupErrors.IsConfigurationError(e))
{
    // Configuration and start-up errors: one clear line naming the key, not a stack trace.
    Console.Error.WriteLine($"netops: cannot start: {StartupErrors.Describe(e)}");
    return 2;
}
