using Microsoft.Extensions.Logging;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.State;

namespace NetOps.Core.Inventory;

/// <summary>
/// The inventory every part of this process reads: loaded from the state DB at start, reloaded when another
/// process (or this one) bumps the revision (<see cref="InventoryWatcher"/> polls it every few seconds).
/// </summary>
public sealed partial class LiveInventory : IInventorySource
{
    private readonly InventoryRepository _repository;
    private readonly ILogger<LiveInventory> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private SiteInventory _current;
    private long _revision;

    private LiveInventory(InventoryRepository repository, ILogger<LiveInventory> logger, SiteInventory current, long revision)
    {
        _repository = repository;
        _logger = logger;
        _current = current;
        _revision = revision;
    }

    public static async Task<LiveInventory> LoadAsync(StateDbInitializer initializer, InventoryRepository repository, ILogger<LiveInventory> logger, CancellationToken cancellationToken = default)
    {
        await initializer.EnsureReadyAsync(cancellationToken);
        long revision = await repository.RevisionAsync(cancellationToken);
        var inventory = await repository.LoadAsync(cancellationToken);
        return new LiveInventory(repository, logger, inventory, revision);
    }

    public SiteInventory Current => Volatile.Read(ref _current);

    public long Revision => Interlocked.Read(ref _revision);

    public event Action<SiteInventory>? Changed;

    /// <summary>Reloads if the revision moved; returns true when it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        // One refresh at a time: the watcher and an edit's own refresh must not let an older load overwrite a newer one.
        await _refresh.WaitAsync(cancellationToken);
        SiteInventory inventory;
        long revision;
        try
        {
            revision = await _repository.RevisionAsync(cancellationToken);
            if (revision == Revision) return false;
            inventory = await _repository.LoadAsync(cancellationToken);
            Volatile.Write(ref _current, inventory);
            Interlocked.Exchange(ref _revision, revision);
        }
        finally
        {
            _refresh.Release();
        }
        Reloaded(_logger, revision, inventory.Sites.Count, inventory.DeviceCount);
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<SiteInventory>)handler)(inventory);
            }
            catch (Exception e)
            {
                HandlerFailed(_logger, e);
            }
        }
        return true;
    }

    [LoggerMessage(1091, LogLevel.Information, "Inventory: revision {Revision} loaded ({Sites} sites, {Devices} devices)")]
    private static partial void Reloaded(ILogger logger, long revision, int sites, int devices);

    [LoggerMessage(1092, LogLevel.Error, "Inventory: a part failed to take the new inventory")]
    private static partial void HandlerFailed(ILogger logger, Exception e);
}
