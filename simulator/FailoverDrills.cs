namespace NetOps.Simulator;

/// <summary>
/// Every so often, one site's primary line fails and comes back: link and line protocol down on the primary router,
/// BGP to the prefecture node down, VRRP mastership to the backup router; after 20–40 s the reverse.
/// </summary>
public sealed class FailoverDrills(
    IReadOnlyList<SimulatedSite> sites, SyslogSender sender, SyslogClock clock, TimeProvider time,
    SimulatorStats stats, TextWriter output, int seed)
{
    // The first drill comes early so that a short demo run shows one.
    private static readonly TimeSpan FirstDrill = TimeSpan.FromSeconds(10);

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _inDrill = [];
    private readonly Lock _gate = new();

    /// <summary>Called with true when the backup line takes the site's traffic, false at switchback (flow export follows it).</summary>
    public Action<SimulatedSite, bool>? BackupCarrying { get; init; }

    /// <summary>Called with false when the primary line fails, true when it is back (the routers' SNMP interfaces follow it).</summary>
    public Action<SimulatedSite, bool>? PrimaryLine { get; init; }

    /// <summary>Where each drill is recorded as a drill (NetOps' API), or null.</summary>
    public DrillRegistry? Registry { get; init; }

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero) return;
        var drills = new List<Task>();
        try
        {
            await Task.Delay(interval < FirstDrill ? interval : FirstDrill, time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (PickSite() is { } site)
                    drills.Add(RunDrillAsync(site, TimeSpan.FromSeconds(20 + _random.Next(21)), cancellationToken));
                drills.RemoveAll(t => t.IsCompleted);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        finally
        {
            try { await Task.WhenAll(drills); } catch (OperationCanceledException) { }
        }
    }

    private SimulatedSite? PickSite()
    {
        // Municipalities only: the centre and prefecture nodes stay up, so alerts are not inhibited away.
        var candidates = sites.Where(s => s.Code.Length == 6 && s.Code[2..5] != "000").ToList();
        if (candidates.Count == 0) candidates = [.. sites];
        lock (_gate)
        {
            candidates.RemoveAll(s => _inDrill.Contains(s.Code));
            if (candidates.Count == 0) return null;
            var site = candidates[_random.Next(candidates.Count)];
            _inDrill.Add(site.Code);
            return site;
        }
    }

    private async Task RunDrillAsync(SimulatedSite site, TimeSpan hold, CancellationToken cancellationToken)
    {
        var rt1 = site.PrimaryRouter;
        var rt2 = site.BackupRouter;
        string primary = rt1.PrimaryInterface;
        long? recorded = Registry is null ? null : await Registry.StartAsync(site, hold, cancellationToken);
        try
        {
            stats.DrillStarted();
            Say($"drill: {site.Code} {site.Name} primary down (switchback in {hold.TotalSeconds:0} s)");
            PrimaryLine?.Invoke(site, false);
            await Send(rt1, CiscoIosMessages.LinkUpDown(rt1, clock.Now, primary, up: false));
            await Pause(1);
            await Send(rt1, CiscoIosMessages.LineProtocol(rt1, clock.Now, primary, up: false));
            await Pause(0.5);
            // interface tracking lowers rt1's VRRP priority; rt2 preempts and carries the traffic over the backup line
            await Send(rt1, CiscoIosMessages.VrrpState(rt1, clock.Now, "Master", "Backup"));
            await Send(rt2, YamahaRtxMessages.Vrrp(master: true));
            BackupCarrying?.Invoke(site, true);
            await Pause(1.5);
            await Send(rt1, CiscoIosMessages.BgpAdjacency(rt1, clock.Now, site.BgpNeighbor, up: false));

            await Task.Delay(hold, time, cancellationToken);

            Say($"drill: {site.Code} {site.Name} primary up, switching back");
            PrimaryLine?.Invoke(site, true);
            await Send(rt1, CiscoIosMessages.LinkUpDown(rt1, clock.Now, primary, up: true));
            await Pause(1);
            await Send(rt1, CiscoIosMessages.LineProtocol(rt1, clock.Now, primary, up: true));
            await Pause(4);
            await Send(rt1, CiscoIosMessages.BgpAdjacency(rt1, clock.Now, site.BgpNeighbor, up: true));
            await Pause(2); // VRRP preempt delay
            await Send(rt1, CiscoIosMessages.VrrpState(rt1, clock.Now, "Backup", "Master"));
            await Send(rt2, YamahaRtxMessages.Vrrp(master: false));
            BackupCarrying?.Invoke(site, false);
            Say($"drill: {site.Code} {site.Name} switched back to the primary line");
            if (recorded is { } id)
            {
                await Pause(5); // the analyzer's switchback, then the drill ends
                await Registry!.EndAsync(id, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Say($"drill: {site.Code} {site.Name} interrupted (simulator stopping)");
        }
        finally
        {
            lock (_gate) _inDrill.Remove(site.Code);
        }

        ValueTask Send(SimulatedDevice device, string message) => sender.SendAsync(device, message, cancellationToken);
        Task Pause(double seconds) => Task.Delay(TimeSpan.FromSeconds(seconds), time, cancellationToken);
    }

    private void Say(string line)
    {
        lock (_gate) output.WriteLine($"{clock.Now:HH:mm:ss} {line}");
    }
}
