using NetOps.Core.Inventory;

namespace NetOps.Dashboard.Ui;

/// <summary>A site as the inventory editor's form holds it: lists as text, so that a half-typed address is not lost.</summary>
public sealed class SiteDraft
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefecture { get; set; } = "";
    public string? Parent { get; set; }
    public string Prefixes { get; set; } = "";
    public List<DeviceDraft> Devices { get; set; } = [];

    public static SiteDraft From(Site s) => new()
    {
        Code = s.Code,
        Name = s.Name,
        Prefecture = s.Prefecture,
        Parent = s.Parent,
        Prefixes = string.Join(", ", s.Prefixes ?? []),
        Devices = s.Devices.Select(DeviceDraft.From).ToList(),
    };

    public Site ToSite() => new()
    {
        Code = Code.Trim(),
        Name = Name.Trim(),
        Prefecture = Prefecture.Trim(),
        Parent = string.IsNullOrWhiteSpace(Parent) ? null : Parent.Trim(),
        Prefixes = Split(Prefixes) is { Count: > 0 } p ? p : null,
        Devices = Devices.Select(d => d.ToDevice()).ToList(),
    };

    internal static List<string> Split(string? text) =>
        (text ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>One device row of <see cref="SiteDraft"/>; interfaces as <c>primary=Gi0/0, backup=Gi0/1</c>.</summary>
public sealed class DeviceDraft
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "router";
    public string Line { get; set; } = "";
    public string Addresses { get; set; } = "";
    public string Interfaces { get; set; } = "";
    public string? Vendor { get; set; }

    /// <summary>SNMP polling: the credential's name in <c>Collector:Snmp:Credentials</c> (blank: not polled), never a secret.</summary>
    public string SnmpCredential { get; set; } = "";

    /// <summary>SNMP polling: seconds between polls (blank: the default, 60).</summary>
    public int? SnmpIntervalSeconds { get; set; }

    /// <summary>
    /// What the form does not edit (charset, the SNMP port, fields NetOps does not model), carried from the device as
    /// loaded so that saving the page does not drop them.
    /// </summary>
    public string? Charset { get; set; }
    public int? SnmpPort { get; set; }
    public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

    public static DeviceDraft From(Device d) => new()
    {
        Charset = d.Charset,
        SnmpCredential = d.Snmp?.Credential ?? "",
        SnmpIntervalSeconds = d.Snmp?.IntervalSeconds,
        SnmpPort = d.Snmp?.Port,
        Extra = d.Extra is null ? null : new(d.Extra),
        Name = d.Name,
        Kind = d.Kind,
        Line = d.Line ?? "",
        Addresses = string.Join(", ", d.Addresses),
        Interfaces = d.Interfaces is null ? "" : string.Join(", ", d.Interfaces.Select(kv => $"{kv.Key}={kv.Value}")),
        Vendor = d.Vendor,
    };

    public Device ToDevice()
    {
        Dictionary<string, string>? interfaces = null;
        foreach (var pair in SiteDraft.Split(Interfaces))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || eq == pair.Length - 1)
                throw new InventoryException($"device {Name}: interface '{pair}' is not LINE=NAME (e.g. primary=Gi0/0)");
            (interfaces ??= [])[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return new Device
        {
            Name = Name.Trim(),
            Kind = string.IsNullOrWhiteSpace(Kind) ? "router" : Kind.Trim(),
            Line = string.IsNullOrWhiteSpace(Line) ? null : Line,
            Addresses = SiteDraft.Split(Addresses),
            Interfaces = interfaces,
            Vendor = string.IsNullOrWhiteSpace(Vendor) ? null : Vendor.Trim(),
            Charset = Charset,
            Snmp = string.IsNullOrWhiteSpace(SnmpCredential)
                ? null
                : new DeviceSnmp { Credential = SnmpCredential.Trim(), Port = SnmpPort, IntervalSeconds = SnmpIntervalSeconds },
            Extra = Extra,
        };
    }
}
