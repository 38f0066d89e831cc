using System.ComponentModel.DataAnnotations;

namespace NetOps.Core.Inventory;

/// <summary><c>Inventory</c> section.</summary>
public sealed class InventoryOptions
{
    /// <summary>
    /// <c>Inventory:Path</c>: the inventory file that seeds an empty state DB; when empty, the demo inventory generated
    /// from the municipality list. Once the DB holds an inventory, operators edit it there (UI, API, <c>netops inventory import</c>).
    /// </summary>
    public string? Path { get; set; }

    /// <summary><c>Inventory:ReloadSeconds</c>: how often every process checks the state DB for inventory changes.</summary>
    [Range(0.2, 3600)] public double ReloadSeconds { get; set; } = 2;
}
