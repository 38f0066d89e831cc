namespace NetOps.Core.Inventory;

/// <summary><c>Inventory</c> section.</summary>
public sealed class InventoryOptions
{
    /// <summary><c>Inventory:Path</c>: the inventory file; when empty, the demo inventory generated from the municipality list.</summary>
    public string? Path { get; set; }
}
