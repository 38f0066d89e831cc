namespace NetOps.Core.Inventory;

/// <summary>A device found in the inventory, with its site.</summary>
public sealed record DeviceMatch(Site Site, Device Device);
