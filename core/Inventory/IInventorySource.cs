namespace NetOps.Core.Inventory;

/// <summary>
/// Where a part reads the inventory from. <see cref="Current"/> is an immutable snapshot; when operators change the
/// inventory, a new snapshot replaces it and <see cref="Changed"/> fires (on a background thread), within seconds in
/// every process. A <see cref="SiteInventory"/> is itself a source that never changes (tests, benchmarks, replay).
/// </summary>
public interface IInventorySource
{
    SiteInventory Current { get; }

    event Action<SiteInventory>? Changed;
}
