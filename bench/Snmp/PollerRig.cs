using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Collector.Snmp;
using NetOps.Core.Hosting;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Bench.Snmp;

/// <summary>
/// NetOps' own <see cref="SnmpPoller"/> as the collector runs it (its inventory, credentials, per-device state, slots
/// and sockets), over an inventory of bench devices on the demo's sites, each device polling one simulated agent.
/// A round moves the poller's clock past every device's interval and calls <see cref="SnmpPoller.Tick"/>: every
/// device is due at once, and the poller's own <c>MaxConcurrentPolls</c> bounds how many run.
/// </summary>
public sealed class PollerRig
{
    private static readonly SnmpPollOutcome[] Finished =
        [SnmpPollOutcome.Ok, SnmpPollOutcome.Timeout, SnmpPollOutcome.Error, SnmpPollOutcome.AuthFailed, SnmpPollOutcome.Failed];

    private readonly ShiftedTimeProvider _time = new();
    private readonly SnmpMetrics _metrics;
    private readonly CountingPointWriter _writer = new();

    private PollerRig(SiteInventory inventory, SnmpOptions options, int devices)
    {
        Inventory = inventory;
        Devices = devices;
        var metrics = new NetOpsMetrics();
        _metrics = new SnmpMetrics(metrics);
        Poller = new SnmpPoller(inventory, Options.Create(options), _writer, _metrics, _time, new BackgroundLoops(metrics), NullLogger<SnmpPoller>.Instance);
    }

    public SiteInventory Inventory { get; }
    public SnmpPoller Poller { get; }
    public int Devices { get; }
    public long Points => _writer.Points;

    /// <summary>
    /// The inventory (the demo's 1,789 sites, <paramref name="devices"/> routers spread over them, device k at
    /// <see cref="SnmprecAgents.Address"/>(k) naming credential agent(k mod <paramref name="agents"/>)) and the options
    /// with one v2c credential per agent.
    /// </summary>
    public static (SiteInventory Inventory, SnmpOptions Options) Configure(int devices, int agents, int port, int concurrency)
    {
        var sites = DemoInventory.GenerateSites(MunicipalityDirectory.Entries);
        foreach (var site in sites) site.Devices = [];
        for (int k = 0; k < devices; k++)
        {
            var site = sites[k % sites.Count];
            site.Devices.Add(new Device
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{site.Code}-snmp{k:D5}"),
                Kind = "router",
                Line = "primary",
                Addresses = [SnmprecAgents.Address(k).ToString()],
                Interfaces = new Dictionary<string, string> { ["primary"] = "Gi0/0", ["backup"] = "Gi0/1" },
                Snmp = new DeviceSnmp { Credential = SnmprecAgents.Community(k % agents), Port = port, IntervalSeconds = DeviceSnmp.DefaultIntervalSeconds },
            });
        }
        var options = new SnmpOptions { MaxConcurrentPolls = concurrency };
        for (int a = 0; a < agents; a++)
            options.Credentials[SnmprecAgents.Community(a)] = new SnmpCredentialOptions { Version = "2c", Community = SnmprecAgents.Community(a) };
        return (new SiteInventory(sites), options);
    }

    /// <summary>The poller, with its targets and per-device state made (the first Tick reloads the inventory).</summary>
    public static PollerRig Create(SiteInventory inventory, SnmpOptions options, int devices)
    {
        var rig = new PollerRig(inventory, options, devices);
        rig.Poller.Tick(CancellationToken.None);
        if (rig.Poller.Targets.Count != devices)
            throw new InvalidOperationException($"the poller took {rig.Poller.Targets.Count} of {devices} devices");
        return rig;
    }

    private double Done => Finished.Sum(o => _metrics.Value(o));

    /// <summary>Every device polled once: wall time, this process's CPU (the poller and nothing else runs) and snmpsim's.</summary>
    public async Task<RoundResult> RoundAsync(Func<TimeSpan> simCpu, CancellationToken ct)
    {
        double before = Done, okBefore = _metrics.Value(SnmpPollOutcome.Ok);
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var simBefore = simCpu();
        var sw = Stopwatch.StartNew();
        _time.Advance(TimeSpan.FromSeconds(2 * DeviceSnmp.DefaultIntervalSeconds));
        Poller.Tick(ct);
        // The poll tasks are the poller's own; its outcome counters say when the last one has finished.
        while (Done - before < Devices)
        {
            if (sw.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"{Done - before} of {Devices} polls finished in 10 minutes");
            await Task.Delay(2, ct);
        }
        sw.Stop();
        self.Refresh();
        int failed = Devices - (int)(_metrics.Value(SnmpPollOutcome.Ok) - okBefore);
        string? problem = failed == 0 ? null : string.Join(", ", Finished.Where(o => o != SnmpPollOutcome.Ok).Select(o => $"{o} {_metrics.Value(o)}"));
        return new RoundResult(Devices, failed, sw.Elapsed, self.TotalProcessorTime - cpuBefore, simCpu() - simBefore, problem);
    }
}
