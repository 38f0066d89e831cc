using System.Runtime.InteropServices;

using NetOps.Core.Inventory;
using NetOps.Simulator;

// The demo's network: sites of the demo inventory sending real syslog from their own loopback addresses.
if (!SimulatorOptions.TryParse(args, out var options, out var error))
{
    if (error is { Length: > 0 }) Console.Error.WriteLine($"simulator: {error}");
    Console.Error.WriteLine(SimulatorOptions.Usage);
    return error is { Length: > 0 } ? 2 : 0;
}

var time = TimeProvider.System;
using var stop = options.Duration is { } duration ? new CancellationTokenSource(duration, time) : new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var inventory = DemoInventory.GenerateSites(MunicipalityDirectory.Entries);
var sites = SitePlan.Pick(inventory, options.Sites, options.TcpSharePercent);
var devices = sites.SelectMany(s => s.Devices).ToList();
var stats = new SimulatorStats();
var clock = new SyslogClock(time);
var output = Console.Out;

int municipalities = sites.Count(s => s.Code[2..5] != "000");
int prefectures = sites.Select(s => s.Prefecture).Where(p => p != "00").Distinct().Count();
output.WriteLine($"simulator: {municipalities} municipalities in {prefectures} prefectures, plus their prefecture nodes and the national centre: " +
    $"{sites.Count} sites, {devices.Count} devices ({devices.Count(d => d.UseTcp)} over TCP) -> {options.Target}");
output.WriteLine($"simulator: {options.Rate:0} messages/s; " +
    (options.DrillInterval > TimeSpan.Zero ? $"a failover drill every {options.DrillInterval.TotalSeconds:0} s" : "no failover drills") +
    (options.Duration is { } d ? $"; stopping after {d.TotalSeconds:0} s" : "; Ctrl-C stops"));
if (options.FlowsPerSecond > 0)
    output.WriteLine($"simulator: {options.FlowsPerSecond:0} flows/s exported by the routers: NetFlow v9 (rt1) -> {options.NetFlow}, IPFIX (rt2, during drills) -> {options.Ipfix}");

using var flows = new FlowTraffic(sites, options.NetFlow, options.Ipfix, time, options.Seed + 2);
await using (var sender = new SyslogSender(devices, options.Target, stats, time, output))
{
    var traffic = new TrafficGenerator(sites, sender, clock, time, options.Seed);
    var drills = new FailoverDrills(sites, sender, clock, time, stats, output, options.Seed + 1) {
    BackupCarrying = flows.SetBackupCarrying,
    Registry = DrillRegistry.Create(options.Api, Environment.GetEnvironmentVariable("NETOPS_TOKEN"), options.DrillRoster, output),
};
    var tasks = new[]
    {
        traffic.RunAsync(options.Rate, stop.Token),
        flows.RunAsync(options.FlowsPerSecond, stop.Token),
        drills.RunAsync(options.DrillInterval, stop.Token),
        ReportAsync(stop.Token),
    };
    try { await Task.WhenAll(tasks); }
    catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
}
output.WriteLine($"simulator: stopped; {stats}; {flows.Flows} flows in {flows.Packets} export packets");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

async Task ReportAsync(CancellationToken cancellationToken)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
    while (await timer.WaitForNextTickAsync(cancellationToken))
        output.WriteLine($"{clock.Now:HH:mm:ss} simulator: {stats}; {flows.Flows} flows in {flows.Packets} export packets");
}
