using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Syslog;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Polls every inventory device that carries <c>snmp</c>, each every <c>intervalSeconds</c>: a GETBULK walk of IF-MIB
/// and sysUpTime, written as <c>interface</c> points (<see cref="InterfaceSampler"/>). At most
/// <c>Collector:Snmp:MaxConcurrentPolls</c> polls run at once, each with its own socket and its own timeout and
/// retries, so a device that does not answer holds one slot for its timeout and nothing else. The device list is
/// taken from the live inventory on every tick, so added and removed devices are picked up within a second of a reload.
/// With <c>Collector:Snmp:ShardCount</c> collectors, each polls only the devices <see cref="SnmpShard"/> gives its
/// <c>Collector:Snmp:ShardIndex</c>.
/// </summary>
public sealed class SnmpPoller : BackgroundService
{
    private readonly IInventorySource _inventory;
    private readonly SnmpOptions _options;
    private readonly IPointWriter _writer;
    private readonly SnmpMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<SnmpPoller> _logger;
    private readonly BackgroundLoop _loop;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, DeviceState> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly MalformedSampler _failures;
    private readonly UsmUsers _users;
    private SiteInventory? _seen;
    private readonly SnmpMembership? _membership;
    private IReadOnlyList<string>? _seenMembers;
    private List<SnmpTarget> _targets = [];

    public SnmpPoller(IInventorySource inventory, IOptions<SnmpOptions> options, IPointWriter writer, SnmpMetrics metrics,
        TimeProvider time, BackgroundLoops loops, ILogger<SnmpPoller> logger, UsmUsers? users = null, SnmpMembership? membership = null)
    {
        _membership = options.Value.ByMembership ? membership : null;
        _users = users ?? new UsmUsers(options.Value);
        _inventory = inventory;
        _options = options.Value;
        _writer = writer;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _loop = loops.Register("snmp", "poller");
        _slots = new SemaphoreSlim(_options.MaxConcurrentPolls, _options.MaxConcurrentPolls);
        _failures = new MalformedSampler(logger, time, TimeSpan.FromSeconds(10));
    }

    /// <summary>The devices polled now (for tests and /health).</summary>
    public IReadOnlyList<SnmpTarget> Targets => Volatile.Read(ref _targets);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // A device naming a credential that is not configured stops the start, naming both; after a reload it is
        // logged and left out instead (an operator's edit must not stop a running collector).
        var problems = new List<(string Device, string Problem)>();
        SnmpTarget.From(_inventory.Current, _options, problems, _users);
        if (problems.Count > 0)
        {
            var name = _inventory.Current.FindByName(problems[0].Device)?.Device.Snmp?.Credential ?? "";
            throw new NetOpsConfigurationException($"{SnmpOptions.Section}:Credentials:{name}", string.Join("; ", problems.Select(p => p.Problem)));
        }
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Stopping();
        await base.StopAsync(cancellationToken);
        try { await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        do
        {
            try
            {
                Tick(stoppingToken);
                _loop.Succeeded();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _loop.Failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    });

    /// <summary>Starts the polls that are due. Public for tests that drive time themselves.</summary>
    public void Tick(CancellationToken cancellationToken)
    {
        var inventory = _inventory.Current;
        var members = _membership?.Members;
        if (!ReferenceEquals(inventory, _seen) || !ReferenceEquals(members, _seenMembers)) Reload(inventory, members);
        var now = _time.GetUtcNow();
        foreach (var target in Volatile.Read(ref _targets))
        {
            var state = _states[target.Device.Name];
            if (state.Busy || now < state.NextDue) continue;
            state.Busy = true;
            state.NextDue = now + target.Interval;
            var task = PollAsync(state, target, cancellationToken);
            _running.TryAdd(task, 0);
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        foreach (var (name, state) in _states)
        {
            if (!state.MissingCredential || now < state.NextDue) continue;
            state.NextDue = now + TimeSpan.FromSeconds(DeviceSnmp.DefaultIntervalSeconds);
            _metrics.Count(SnmpPollOutcome.NoCredential);
        }
    }

    private void Reload(SiteInventory inventory, IReadOnlyList<string>? members = null)
    {
        _seen = inventory;
        _seenMembers = members;
        var problems = new List<(string Device, string Problem)>();
        var all = SnmpTarget.From(inventory, _options, problems, _users);
        // Another collector's devices are its own to poll, and its own to report when their credential is missing.
        var targets = all.Where(t => Mine(t.Site.Code, t.Device.Name)).ToList();
        problems.RemoveAll(p => inventory.FindByName(p.Device) is { } match && !Mine(match.Site.Code, match.Device.Name));
        var now = _time.GetUtcNow();
        var keep = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in targets)
        {
            keep.Add(target.Device.Name);
            var state = _states.GetOrAdd(target.Device.Name, _ => new DeviceState(_time)
            {
                // Spread the first polls over the interval: 5,000 devices must not all be asked in the same second.
                NextDue = now + TimeSpan.FromMilliseconds((uint)target.Device.Name.GetHashCode(StringComparison.Ordinal) % (ulong)Math.Max(1, target.Interval.TotalMilliseconds / 4)),
            });
            state.MissingCredential = false;
            if (state.Agent is { } agent && (!agent.Equals(target.Agent) || !state.Community.AsSpan().SequenceEqual(target.Community) || state.Usm != target.Usm))
            {
                lock (state.Sampler) state.Sampler.Reset(); // another agent: its counters are not the old one's
                state.Peer.Forget(); // and its engine is discovered again
            }
            state.Agent = target.Agent;
            state.Community = target.Community;
            state.Usm = target.Usm;
        }
        foreach (var (device, problem) in problems)
        {
            keep.Add(device);
            var state = _states.GetOrAdd(device, _ => new DeviceState(_time) { NextDue = now });
            if (!state.MissingCredential) _logger.NoCredential(problem);
            state.MissingCredential = true; // "credential missing" is its state until a reload fixes it
        }
        foreach (var name in _states.Keys)
            if (!keep.Contains(name)) _states.TryRemove(name, out _);
        Volatile.Write(ref _targets, targets);
        _metrics.Devices.Set(targets.Count);
        _metrics.InventoryDevices.Set(all.Count);
        if (members is not null) _logger.Polling(targets.Count, all.Count, members.ToList().IndexOf(_membership!.Name), members.Count, problems.Count);
        else _logger.Polling(targets.Count, all.Count, _options.ShardIndex, _options.ShardCount, problems.Count);
    }

    /// <summary>Whether this collector's shard (<c>Collector:Snmp:ShardIndex</c>) polls the device.</summary>
    private bool Mine(string siteCode, string deviceName) => _seenMembers is { } members
        ? SnmpShard.OwnerOf(siteCode, deviceName, members) is var owner && owner >= 0 && members[owner] == _membership!.Name
        : SnmpShard.Of(siteCode, deviceName, _options.ShardCount) == _options.ShardIndex;

    private async Task PollAsync(DeviceState state, SnmpTarget target, CancellationToken cancellationToken)
    {
        bool slot = false;
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            slot = true;
            _metrics.InFlight.Inc();
            var (outcome, attempts, points, reason) = await PollOnceAsync(state, target, cancellationToken).ConfigureAwait(false);
            foreach (var point in points) await _writer.WriteAsync(point, cancellationToken).ConfigureAwait(false);
            _metrics.Points.Inc(points.Count);
            // snmp_down / snmp_up on the device's timeline when it stops or starts answering
            if (Record(state, target, outcome, attempts, reason) is { } reachability) await _writer.WriteAsync(reachability, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // One device's bug must not stop the others: counted, sampled to the log, polled again next interval.
            Record(state, target, SnmpPollOutcome.Failed, 0, null);
            if (_failures.TryTake(out long suppressed)) _logger.PollFailed(e, target.Device.Name, suppressed);
        }
        finally
        {
            if (slot)
            {
                _metrics.InFlight.Dec();
                _slots.Release();
            }
            state.Busy = false;
        }
    }

    /// <summary>One walk of one device, with a socket of its own (answers are matched to it alone).</summary>
    private async Task<(SnmpPollOutcome, int, List<Point>, string?)> PollOnceAsync(DeviceState state, SnmpTarget target, CancellationToken cancellationToken)
    {
        var family = target.Agent.AddressFamily == AddressFamily.InterNetworkV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        using var v2c = target.Usm is null ? new SnmpV2cClient(family) : null;
        using var v3 = target.Usm is { } user ? new SnmpV3Client(user, state.Peer, family) : null;
        var walk = new InterfaceWalk(_options.MaxInterfaces);
        var timeout = TimeSpan.FromMilliseconds(_options.TimeoutMs);
        int attempts = 0;
        // A bound on requests: an agent that keeps answering without end cannot hold the slot for ever.
        int budget = (_options.MaxInterfaces / Math.Max(1, _options.MaxRepetitions) + 2) * 2;
        try
        {
            while (walk.NextRequest() is { } request && budget-- > 0)
            {
                var result = v3 is not null
                    ? await v3.GetBulkAsync(target.Agent, request.NonRepeaters, _options.MaxRepetitions, request.Oids, timeout, _options.Retries, cancellationToken).ConfigureAwait(false)
                    : await v2c!.GetBulkAsync(target.Agent, target.Community, request.NonRepeaters, _options.MaxRepetitions,
                        request.Oids, timeout, _options.Retries, cancellationToken).ConfigureAwait(false);
                attempts = Math.Max(attempts, result.Attempts);
                if (result.Outcome == SnmpRequestOutcome.Timeout) return (SnmpPollOutcome.Timeout, attempts, [], null);
                // A refused credential ends the poll: the next try is the next interval, never a loop of resends.
                if (result.Outcome == SnmpRequestOutcome.AuthFailed) return (SnmpPollOutcome.AuthFailed, attempts, [], result.Reason);
                if (result.Outcome == SnmpRequestOutcome.ErrorStatus)
                {
                    _logger.ErrorStatus(target.Device.Name, result.Response!.ErrorStatus, result.Response.ErrorIndex);
                    return (SnmpPollOutcome.Error, attempts, [], null);
                }
                if (!walk.Absorb(result.Response!)) return (SnmpPollOutcome.Error, attempts, [], null);
            }
        }
        finally
        {
            _metrics.Discarded.Inc(v3?.Discarded ?? v2c!.Discarded);
        }
        if (walk.Truncated > 0) _logger.TooManyInterfaces(target.Device.Name, _options.MaxInterfaces, $"{SnmpOptions.Section}:MaxInterfaces", walk.Truncated);
        var snapshot = new InterfaceSnapshot(walk.SysUpTime, walk.Rows, _time.GetUtcNow());
        List<Point> points;
        lock (state.Sampler) points = state.Sampler.Sample(target.Site.Code, target.Device, snapshot);
        return (SnmpPollOutcome.Ok, attempts, points, null);
    }

    /// <summary>Counts the outcome and logs a change of state; the <c>snmp_down</c>/<c>snmp_up</c> event it makes, if any.</summary>
    private Point? Record(DeviceState state, SnmpTarget target, SnmpPollOutcome outcome, int attempts, string? reason)
    {
        _metrics.Count(outcome);
        var before = state.Last;
        state.Last = outcome;
        if (before == outcome) return null; // logged once per change of state, not once per interval
        if (outcome == SnmpPollOutcome.Ok)
        {
            if (before is not null) _logger.DeviceRecovered(target.Device.Name, target.Agent);
        }
        else if (outcome == SnmpPollOutcome.AuthFailed)
        {
            _logger.AuthFailed(target.Device.Name, target.Agent, target.Usm?.CredentialName ?? "", reason ?? "refused");
        }
        else if (outcome != SnmpPollOutcome.Failed)
        {
            _logger.DeviceFailing(target.Device.Name, target.Agent, outcome.ToString(), attempts);
        }
        if (!SnmpReachability.Counts(outcome)) return null;
        bool wasDown = state.Down;
        state.Down = outcome != SnmpPollOutcome.Ok;
        return SnmpReachability.Transition(wasDown, outcome, target.Site.Code, target.Device, target.Agent, attempts, reason, _time.GetUtcNow());
    }

    /// <summary>What the poller keeps per device between polls.</summary>
    private sealed class DeviceState(TimeProvider time)
    {
        public readonly InterfaceSampler Sampler = new();
        /// <summary>v3: the agent's engine, discovered once and kept across polls.</summary>
        public readonly UsmPeer Peer = new(time);
        public UsmUser? Usm;
        public volatile bool Busy;
        /// <summary>Whether the device's latest poll that says anything about it (not the poller's own failure) found it not answering.</summary>
        public bool Down;
        public DateTimeOffset NextDue;
        public System.Net.IPEndPoint? Agent;
        public byte[] Community = [];
        public SnmpPollOutcome? Last;
        /// <summary>True while the device names a credential that is not configured.</summary>
        public bool MissingCredential;
    }
}
