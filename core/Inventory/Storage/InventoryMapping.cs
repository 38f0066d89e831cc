using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetOps.Core.Inventory.Storage;

/// <summary>Between the inventory's file form (<see cref="Site"/>, <see cref="Device"/>) and its rows.</summary>
public static class InventoryMapping
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static SiteRecord ToRecord(Site site, DateTimeOffset now)
    {
        var withoutDevices = JsonSerializer.SerializeToNode(site, Json)!.AsObject();
        withoutDevices.Remove("devices");
        return new SiteRecord
        {
            Code = site.Code,
            Name = site.Name,
            Prefecture = site.Prefecture,
            Parent = site.Parent,
            Document = withoutDevices.ToJsonString(Json),
            UpdatedAt = now,
            Devices = site.Devices.Select(d => ToRecord(site.Code, d)).ToList(),
        };
    }

    public static DeviceRecord ToRecord(string siteCode, Device device) => new()
    {
        SiteCode = siteCode,
        Name = device.Name,
        Kind = device.Kind,
        Line = device.Line,
        Addresses = string.Join(' ', device.Addresses),
        Document = JsonSerializer.Serialize(device, Json),
    };

    public static Site ToSite(SiteRecord record)
    {
        var site = JsonSerializer.Deserialize<Site>(record.Document, Json) ?? new Site();
        site.Code = record.Code;
        site.Name = record.Name;
        site.Prefecture = record.Prefecture;
        site.Parent = record.Parent;
        site.Devices = record.Devices.OrderBy(d => d.Id).Select(d => JsonSerializer.Deserialize<Device>(d.Document, Json) ?? new Device { Name = d.Name }).ToList();
        return site;
    }

    /// <summary>A deep copy through the file form (edits never touch a live snapshot).</summary>
    public static Site Clone(Site site) => JsonSerializer.Deserialize<Site>(JsonSerializer.Serialize(site, Json), Json)!;
}
