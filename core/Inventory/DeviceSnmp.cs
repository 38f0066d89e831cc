using System.Text.Json.Serialization;

namespace NetOps.Core.Inventory;

/// <summary>
/// How a device is polled by SNMP (inventory file form: <c>"snmp": { "credential": "NAME", "port": 161,
/// "intervalSeconds": 60 }</c>). The credential is a name only: its community or keys are configuration
/// (<c>Collector:Snmp:Credentials:NAME:…</c>), never the inventory.
/// </summary>
public sealed class DeviceSnmp
{
    /// <summary>The agent's UDP port when <see cref="Port"/> is absent.</summary>
    public const int DefaultPort = 161;

    /// <summary>The poll interval when <see cref="IntervalSeconds"/> is absent.</summary>
    public const int DefaultIntervalSeconds = 60;

    /// <summary>Bounds of <see cref="IntervalSeconds"/>: faster than 5 s is a load on the agent, not monitoring.</summary>
    public const int MinIntervalSeconds = 5, MaxIntervalSeconds = 86_400;

    /// <summary>The name of a credential in <c>Collector:Snmp:Credentials</c>.</summary>
    [JsonPropertyName("credential")] public string Credential { get; set; } = "";

    [JsonPropertyName("port")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Port { get; set; }

    [JsonPropertyName("intervalSeconds")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? IntervalSeconds { get; set; }

    /// <summary><see cref="Port"/> or the default.</summary>
    [JsonIgnore] public int EffectivePort => Port ?? DefaultPort;

    /// <summary><see cref="IntervalSeconds"/> or the default.</summary>
    [JsonIgnore] public int EffectiveIntervalSeconds => IntervalSeconds ?? DefaultIntervalSeconds;

    /// <summary>Why this block cannot be polled (naming the field), or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Credential)) return "snmp.credential is missing";
        if (Port is { } port && port is < 1 or > 65535) return $"snmp.port {port} is not between 1 and 65535";
        if (IntervalSeconds is { } interval && interval is < MinIntervalSeconds or > MaxIntervalSeconds)
            return $"snmp.intervalSeconds {interval} is not between {MinIntervalSeconds} and {MaxIntervalSeconds}";
        return null;
    }
}
