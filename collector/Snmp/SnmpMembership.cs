using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.State;

namespace NetOps.Collector.Snmp;

/// <summary>
/// With <c>Collector:Snmp:Sharding=members</c>, this collector's membership among those that split the SNMP-polled
/// devices: every <c>Collector:Snmp:HeartbeatSeconds</c> it renews its row in the shared state DB
/// (<c>collector_members</c>) and reads the members whose heartbeat is at most three heartbeats old; the poller gives
/// each device to one of them (<see cref="SnmpShard.OwnerOf"/>). A collector that stops cleanly removes its row, so
/// the others take its devices at their next heartbeat; one that is killed is gone three heartbeats later. The first
/// view is read before the poller starts, so a collector joining a running set does not poll everything for a
/// moment. While the state DB does not answer, the last view is kept (this collector always in it).
/// Nodes compare heartbeats written by each other's clocks: keep them in time (NTP), as the rest of a cluster needs.
/// </summary>
public sealed class SnmpMembership : BackgroundService
{
    /// <summary>Rows silent this long are deleted (a member renamed or retired for good).</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private readonly IDbContextFactory<NetOpsDbContext> _contexts;
    private readonly SnmpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SnmpMembership> _logger;
    private readonly BackgroundLoop _loop;
    private readonly DateTimeOffset _started;
    private IReadOnlyList<string> _members;

    public SnmpMembership(IDbContextFactory<NetOpsDbContext> contexts, IOptions<SnmpOptions> options, TimeProvider time, BackgroundLoops loops,
        ILogger<SnmpMembership> logger)
    {
        _contexts = contexts;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _loop = loops.Register("snmp", "membership");
        _started = time.GetUtcNow();
        Name = _options.EffectiveMemberName;
        _members = [Name];
    }

    /// <summary>This collector's member name.</summary>
    public string Name { get; }

    /// <summary>The live members, sorted, this one always among them; a new list each time it changes.</summary>
    public IReadOnlyList<string> Members => Volatile.Read(ref _members);

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(_options.HeartbeatSeconds);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await BeatAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _loop.Failed(e); // the loop tries again; until then this collector counts itself alone
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(async () =>
    {
        using var timer = new PeriodicTimer(Heartbeat, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await BeatAsync(stoppingToken).ConfigureAwait(false);
                _loop.Succeeded();
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _loop.Failed(e);
            }
        }
    });

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Stopping();
        await base.StopAsync(cancellationToken);
        try
        {
            // Leaving cleanly: the others take this collector's devices at their next heartbeat, not three later.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var db = await _contexts.CreateDbContextAsync(timeout.Token);
            await db.CollectorMembers.Where(m => m.Name == Name).ExecuteDeleteAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SnmpLog.MembershipLeaveFailed(_logger, Name, e.Message);
        }
    }

    /// <summary>Renews this member's heartbeat and reads the live members. Public for tests that drive time themselves.</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var mine = await db.CollectorMembers.FirstOrDefaultAsync(m => m.Name == Name, cancellationToken);
        if (mine is null) db.CollectorMembers.Add(new CollectorMember { Name = Name, StartedAt = _started, HeartbeatAt = now });
        else mine.HeartbeatAt = now;
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // Another node inserted the same name at the same moment (two collectors configured alike): renewed next time.
        }
        var since = now - 3 * Heartbeat;
        var live = await db.CollectorMembers.AsNoTracking().Where(m => m.HeartbeatAt >= since).Select(m => m.Name).ToListAsync(cancellationToken);
        await db.CollectorMembers.Where(m => m.HeartbeatAt < now - Forget).ExecuteDeleteAsync(cancellationToken);
        if (!live.Contains(Name, StringComparer.Ordinal)) live.Add(Name);
        live.Sort(StringComparer.Ordinal);
        var before = Members;
        if (before.SequenceEqual(live, StringComparer.Ordinal)) return;
        Volatile.Write(ref _members, live);
        SnmpLog.MembersChanged(_logger, Name, live.Count, string.Join(", ", live));
    }
}
