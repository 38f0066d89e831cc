namespace NetOps.Core.Inventory.Storage;

/// <summary>A site row of the state DB. <see cref="Document"/> holds the site's file form without its devices.</summary>
public sealed class SiteRecord
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefecture { get; set; } = "";
    public string? Parent { get; set; }
    /// <summary>JSON: the site as in the inventory file (prefixes and any added field), devices excluded.</summary>
    public string Document { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
    public List<DeviceRecord> Devices { get; set; } = [];
}
