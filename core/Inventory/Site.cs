using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetOps.Core.Inventory;

/// <summary>A municipality, prefecture node or the national centre, with its devices.</summary>
public sealed class Site
{
    /// <summary>6-digit local government code with check digit; <c>000000</c> for the national centre.</summary>
    [JsonPropertyName("code")] public string Code { get; set; } = "";
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    /// <summary>2-digit prefecture code.</summary>
    [JsonPropertyName("prefecture")] public string Prefecture { get; set; } = "";
    /// <summary>Parent site code: the prefecture node, or the national centre for a prefecture node; null for the centre.</summary>
    [JsonPropertyName("parent")] public string? Parent { get; set; }
    [JsonPropertyName("devices")] public List<Device> Devices { get; set; } = [];

    /// <summary>The site's own address ranges (CIDR), optional: flows to them are inbound, flows from them outbound.</summary>
    [JsonPropertyName("prefixes")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? Prefixes { get; set; }

    /// <summary>
    /// Fields of the file form that NetOps does not model (<c>charset</c>, <c>snmp</c>, a note, …), kept as they are so
    /// that they survive a load, the state DB and a save.
    /// </summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
