using System.Runtime.InteropServices;

using System.Text;

using NetOps.Core.Inventory;
using NetOps.Simulator;
using NetOps.Simulator.Snmp;

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

using var api = DrillRegistry.Client(options.Api, Environment.GetEnvironmentVariable("NETOPS_TOKEN"));
using var snmp = StartSnmp();
if (options.SnmpPort > 0 && snmp is null) return 2;
using var flows = new FlowTraffic(sites, options.NetFlow, options.Ipfix, time, options.Seed + 2) { Carried = snmp is null ? null : snmp.Carry };
await using (var sender = new SyslogSender(devices, options.Target, stats, time, output))
{
    var traffic = new TrafficGenerator(sites, sender, clock, time, options.Seed);
    var drills = new FailoverDrills(sites, sender, clock, time, stats, output, options.Seed + 1)
    {
        BackupCarrying = (site, backup) =>
        {
            flows.SetBackupCarrying(site, backup);
            snmp?.SetBackupCarrying(site, backup);
        },
        PrimaryLine = snmp is null ? null : snmp.SetPrimaryLine,
        Registry = api is null ? null : new DrillRegistry(api, options.DrillRoster, output),
    };
    var tasks = new[]
    {
        // beside the traffic: one audited inventory change per site takes NetOps a while for many sites
        snmp is not null && api is not null
            ? SnmpRegistration.RegisterAsync(api, sites, options.SnmpCredential, options.SnmpPort, options.SnmpIntervalSeconds, output, stop.Token)
            : Task.CompletedTask,
        traffic.RunAsync(options.Rate, stop.Token),
        flows.RunAsync(options.FlowsPerSecond, stop.Token),
        drills.RunAsync(options.DrillInterval, stop.Token),
        snmp?.RunAsync(stop.Token) ?? Task.CompletedTask,
        ReportAsync(stop.Token),
    };
    try { await Task.WhenAll(tasks); }
    catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
}
output.WriteLine($"simulator: stopped; {stats}; {flows.Flows} flows in {flows.Packets} export packets" + (snmp is null ? "" : $"; {snmp}"));
return 0;

SnmpAgents? StartSnmp()
{
    if (options.SnmpPort == 0) return null;
    var community = Environment.GetEnvironmentVariable("NETOPS_SIM_SNMP_COMMUNITY");
    if (string.IsNullOrEmpty(community))
    {
        Console.Error.WriteLine("simulator: --snmp-port needs the community in NETOPS_SIM_SNMP_COMMUNITY");
        return null;
    }
    var agents = SnmpAgents.Start(sites, options.SnmpPort, Encoding.UTF8.GetBytes(community), options.SnmpTraps, time, output, options.Seed + 3, out var problem);
    if (agents is null) Console.Error.WriteLine($"simulator: {problem}");
    else output.WriteLine($"simulator: {agents.Count} routers answer SNMP v2c on their own addresses, port {options.SnmpPort}" +
        (options.SnmpTraps is { } traps ? $"; link traps -> {traps}" : ""));
    return agents;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

async Task ReportAsync(CancellationToken cancellationToken)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
    while (await timer.WaitForNextTickAsync(cancellationToken))
        output.WriteLine($"{clock.Now:HH:mm:ss} simulator: {stats}; {flows.Flows} flows in {flows.Packets} export packets" + (snmp is null ? "" : $"; {snmp}"));
}
