namespace NetOps.Core.Inventory.Storage;

/// <summary>One row: bumped by every inventory change, polled by every process to reload within seconds.</summary>
public sealed class InventoryRevision
{
    public int Id { get; set; } = 1;
    public long Revision { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}
