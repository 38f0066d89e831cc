using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetOps.Core.Inventory;

/// <summary>A router, firewall or other device at a site (inventory file form: DESIGN.md "Topology").</summary>
public sealed class Device
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    /// <summary><c>router</c>, <c>firewall</c>, <c>switch</c>, …</summary>
    [JsonPropertyName("kind")] public string Kind { get; set; } = "router";

    /// <summary>The line this device terminates: <c>primary</c>, <c>backup</c> or absent.</summary>
    [JsonPropertyName("line")] public string? Line { get; set; }

    [JsonPropertyName("addresses")] public List<string> Addresses { get; set; } = [];

    /// <summary>Interface name per line, e.g. <c>{"primary": "Gi0/0", "backup": "Gi0/1"}</c>.</summary>
    [JsonPropertyName("interfaces")] public Dictionary<string, string>? Interfaces { get; set; }

    /// <summary>
    /// The character set the device logs in: <c>shift_jis</c>, <c>euc-jp</c>, <c>iso-2022-jp</c> or <c>utf-8</c>
    /// (<see cref="Charsets"/>); absent means UTF-8, with Japanese legacy encodings detected.
    /// </summary>
    [JsonPropertyName("charset")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Charset { get; set; }

    /// <summary>The <see cref="Charset"/> names the collector decodes (case-insensitive; <c>sjis</c>, <c>cp932</c> and <c>windows-31j</c> mean Shift_JIS).</summary>
    public static readonly IReadOnlyList<string> Charsets = ["shift_jis", "sjis", "cp932", "windows-31j", "euc-jp", "iso-2022-jp", "utf-8"];

    /// <summary>Vendor hint (<c>cisco</c>, <c>juniper</c>, <c>fortigate</c>, <c>paloalto</c>, <c>yamaha</c>); optional.</summary>
    [JsonPropertyName("vendor")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Vendor { get; set; }

    /// <summary>Polled by SNMP when present (<see cref="DeviceSnmp"/>); absent means not polled.</summary>
    [JsonPropertyName("snmp")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DeviceSnmp? Snmp { get; set; }

    /// <summary>
    /// Fields of the file form that NetOps does not model (a note, …), kept as they are so
    /// that they survive a load, the state DB and a save.
    /// </summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}
