using NetOps.Alerting.Store;
using NetOps.Core.Detections;
using NetOps.Core.Inventory;
using NetOps.Core.Sites;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>
/// The live state of every site for every open screen. One background loop reads the state DB (site states, active
/// alerts, the latest detections) and hands the same snapshot to every page that watches, instead of one query per
/// viewer. It reads at once when this process stores a change (site state, alert, detection, inventory) and every
/// <see cref="PollInterval"/> otherwise, for changes another node stored; it reads only while someone watches.
/// </summary>
public sealed partial class SiteBoard(
    LiveInventory inventory, SiteStateStore states, DetectionStore detections, IServiceProvider services, TimeProvider time,
    ILogger<SiteBoard> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    /// <summary>Changes arriving together (a drill of many sites) make one read.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(50);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private BoardSnapshot? _current;
    private int _watchers;
    private long _version;
    private long _reads;

    /// <summary>The latest snapshot, or null before the first read.</summary>
    public BoardSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>How many times the board read the state DB since start (one per change or poll, whatever the number of viewers).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Screens watching now.</summary>
    public int Watchers => Volatile.Read(ref _watchers);

    /// <summary>Raised on a thread-pool thread when the snapshot's content changed; handlers must marshal to their renderer.</summary>
    public event Action<BoardSnapshot>? Changed;

    /// <summary>A screen starts watching; dispose the result to stop.</summary>
    public IDisposable Watch(Action<BoardSnapshot> onChanged)
    {
        Changed += onChanged;
        if (Interlocked.Increment(ref _watchers) == 1) Wake();
        return new Watcher(this, onChanged);
    }

    /// <summary>The snapshot now: the current one, or a first read if none was taken yet.</summary>
    public async Task<BoardSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        Current ?? await ReadAsync(cancellationToken);

    private void Wake()
    {
        lock (_wake)
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var alerts = services.GetService<AlertStore>();
        Action<IReadOnlyList<SiteStatus>> onStates = _ => Wake();
        Action<Detection> onDetection = _ => Wake();
        Action<SiteInventory> onInventory = _ => Wake();
        Action onAlerts = Wake;
        states.Changed += onStates;
        detections.Published += onDetection;
        detections.Amended += onDetection;
        inventory.Changed += onInventory;
        if (alerts is not null) alerts.Changed += onAlerts;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (Volatile.Read(ref _watchers) == 0) await _wake.WaitAsync(stoppingToken);
                    else await _wake.WaitAsync(PollInterval, stoppingToken);
                    await Task.Delay(Coalesce, time, stoppingToken);
                }
                catch (OperationCanceledException) { return; }
                if (Volatile.Read(ref _watchers) == 0) continue;
                try
                {
                    await ReadAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e) { ReadFailed(logger, e); }
            }
        }
        finally
        {
            states.Changed -= onStates;
            detections.Published -= onDetection;
            detections.Amended -= onDetection;
            inventory.Changed -= onInventory;
            if (alerts is not null) alerts.Changed -= onAlerts;
        }
    }

    /// <summary>Reads once, keeps the snapshot and tells the watchers if its content changed.</summary>
    public async Task<BoardSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        var now = time.GetUtcNow();
        string? error = null;
        IReadOnlyDictionary<string, SiteStatus> known;
        try { known = await states.GetAllAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { known = Current?.Sites.ToDictionary(s => s.Code, Status) ?? new Dictionary<string, SiteStatus>(); error = e.Message; }
        IReadOnlyList<AlertView> active = [];
        if (services.GetService<AlertStore>() is { } alertStore)
        {
            try { active = await alertStore.ListAsync("active", 5000, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException) { error ??= e.Message; }
        }
        IReadOnlyList<Detection> latest = [];
        try { latest = await detections.QueryAsync(new DetectionFilter { Limit = 8 }, cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException) { error ??= e.Message; }

        var snapshot = Build(now, inventory.Current, known, active, latest, error);
        var previous = Current;
        bool same = previous is not null && SameContent(previous, snapshot);
        snapshot = snapshot with { Version = same ? previous!.Version : Interlocked.Increment(ref _version) };
        Volatile.Write(ref _current, snapshot);
        if (!same)
        {
            foreach (var handler in Changed?.GetInvocationList() ?? [])
            {
                try { ((Action<BoardSnapshot>)handler)(snapshot); }
                catch (Exception e) { HandlerFailed(logger, e); }
            }
        }
        return snapshot;
    }

    private static SiteStatus Status(BoardSite s) => new(s.Code, s.State, s.ActiveLine ?? "none", s.Since ?? default, s.Reason);

    /// <summary>The snapshot of an inventory, the stored states, the active alerts and the latest detections (pure; tested).</summary>
    public static BoardSnapshot Build(DateTimeOffset now, SiteInventory inv, IReadOnlyDictionary<string, SiteStatus> known,
        IReadOnlyList<AlertView> active, IReadOnlyList<Detection> latest, string? error = null)
    {
        var openBySite = active.Where(a => a.State is "firing" or "acknowledged").GroupBy(a => a.Site).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var sites = new List<BoardSite>(inv.Sites.Count);
        foreach (var s in inv.Sites)
        {
            var st = known.TryGetValue(s.Code, out var k) ? k : null;
            var state = st?.State ?? SiteState.Unknown;
            string? activeLine = st is null || st.ActiveLine == "none" ? null : st.ActiveLine;
            var (primary, backup) = SiteRollup.Lines(state, activeLine);
            sites.Add(new BoardSite(s.Code, s.Name, InventoryDirectory.KanaOf(s.Code), s.Prefecture, InventoryDirectory.KindOf(s), state, activeLine,
                state == SiteState.Unknown ? null : st?.Since, st?.Reason, primary, backup, openBySite.GetValueOrDefault(s.Code)));
        }
        var prefectures = sites.Where(s => s.Prefecture != "00").GroupBy(s => s.Prefecture).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BoardPrefecture(g.Key, InventoryDirectory.PrefectureName(g.Key), SiteRollup.Prefecture(g.Select(s => s.State)), StateCounts.Of(g.Select(s => s.State))))
            .ToList();
        var alerts = new AlertCounts(
            active.Count(a => a.State != "suppressed" && a.Severity == "critical"),
            active.Count(a => a.State != "suppressed" && a.Severity == "warning"),
            active.Count(a => a.State != "suppressed" && a.Severity is not ("critical" or "warning")),
            active.Count(a => a.State == "suppressed"));
        return new BoardSnapshot(now, 0, sites, sites.ToDictionary(s => s.Code, StringComparer.Ordinal), prefectures,
            StateCounts.Of(sites.Select(s => s.State)), alerts, latest, error);
    }

    private static bool SameContent(BoardSnapshot a, BoardSnapshot b) =>
        a.Error == b.Error && a.Alerts == b.Alerts && a.Sites.Count == b.Sites.Count && a.Sites.SequenceEqual(b.Sites)
        && a.LatestDetections.Select(d => (d.Time, d.Site, d.Kind, d.Message)).SequenceEqual(b.LatestDetections.Select(d => (d.Time, d.Site, d.Kind, d.Message)));

    private void Unwatch(Action<BoardSnapshot> onChanged)
    {
        Changed -= onChanged;
        Interlocked.Decrement(ref _watchers);
    }

    private sealed class Watcher(SiteBoard board, Action<BoardSnapshot> onChanged) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) board.Unwatch(onChanged);
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The site board could not read the state DB")]
    private static partial void ReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "A site board watcher failed")]
    private static partial void HandlerFailed(ILogger logger, Exception exception);
}
