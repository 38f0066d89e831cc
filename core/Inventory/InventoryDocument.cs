using System.Text.Json.Serialization;

namespace NetOps.Core.Inventory;

/// <summary>The inventory file: <c>{ "sites": [ … ] }</c>.</summary>
public sealed class InventoryDocument
{
    [JsonPropertyName("sites")] public List<Site> Sites { get; set; } = [];
}
