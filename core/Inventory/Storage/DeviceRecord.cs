namespace NetOps.Core.Inventory.Storage;

/// <summary>
/// A device row: the columns people search by, and <see cref="Document"/>, the device's file form, so that fields
/// added to the file form (charset, snmp, …) survive a round trip through the DB without a migration.
/// </summary>
public sealed class DeviceRecord
{
    public long Id { get; set; }
    public string SiteCode { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary><c>primary</c>, <c>backup</c> or null.</summary>
    public string? Line { get; set; }
    /// <summary>Space-separated addresses (for search).</summary>
    public string Addresses { get; set; } = "";
    public string Document { get; set; } = "{}";
}
