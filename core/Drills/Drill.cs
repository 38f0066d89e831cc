using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetOps.Core.Drills;

/// <summary>What a drill plans to happen.</summary>
public static class DrillScenarios
{
    /// <summary>The primary line goes down, the backup takes over, then the primary comes back and carries again.</summary>
    public const string PrimaryDownThenSwitchback = "primary_down_then_switchback";
    /// <summary>Both lines go down (an outage), then come back.</summary>
    public const string Outage = "outage";

    public static readonly IReadOnlyList<string> All = [PrimaryDownThenSwitchback, Outage];
}

/// <summary>The times a drill is scored against, in seconds from the drill's start (detect) or the previous phase.</summary>
public sealed record DrillTargets
{
    /// <summary>From the start of the drill to NetOps' first detection.</summary>
    [JsonPropertyName("detectSeconds")] public double DetectSeconds { get; init; } = 60;
    /// <summary>From the first alert to a person's acknowledgement.</summary>
    [JsonPropertyName("acknowledgeSeconds")] public double AcknowledgeSeconds { get; init; } = 300;
    /// <summary>From the primary failing to the backup carrying.</summary>
    [JsonPropertyName("takeoverSeconds")] public double TakeoverSeconds { get; init; } = 60;
    /// <summary>From the primary failing to it carrying again (the switchback's total: the drill's planned outage and the switch back).</summary>
    [JsonPropertyName("switchbackSeconds")] public double SwitchbackSeconds { get; init; } = 1800;

    public static readonly DrillTargets Default = new();

    /// <summary>The first target out of range, named as the API names it; null when all are sound.</summary>
    public string? Validate() =>
        DetectSeconds is <= 0 or > 86400 ? "targets.detectSeconds: 1 to 86400"
        : AcknowledgeSeconds is <= 0 or > 86400 ? "targets.acknowledgeSeconds: 1 to 86400"
        : TakeoverSeconds is <= 0 or > 86400 ? "targets.takeoverSeconds: 1 to 86400"
        : SwitchbackSeconds is <= 0 or > 86400 ? "targets.switchbackSeconds: 1 to 86400"
        : null;
}

/// <summary>A drill as the parts see it.</summary>
public sealed record Drill(
    long Id, string Title, IReadOnlyList<string> Sites, string Scenario, IReadOnlyList<string> Roster, DrillTargets Targets, string State,
    DateTimeOffset StartedAt, string StartedBy, DateTimeOffset PlannedEndAt, DateTimeOffset? EndedAt, string? EndedBy, string Origin)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Device clocks and syslog's whole seconds put the first evidence of a line pulled right after the start a moment
    /// before it: evidence this close before the start belongs to the drill.
    /// </summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    /// <summary>Whether the drill covers <paramref name="site"/> at <paramref name="at"/> (running, or ended after it).</summary>
    public bool Covers(string site, DateTimeOffset at) =>
        State != "cancelled" && at >= StartedAt - ClockSlack && at <= (EndedAt ?? PlannedEndAt) && Sites.Contains(site, StringComparer.Ordinal);

    public bool Running(DateTimeOffset now) => State == "running" && now <= PlannedEndAt;

    public static Drill From(DrillRecord r) => new(
        r.Id, r.Title, JsonSerializer.Deserialize<List<string>>(r.SitesJson, Json) ?? [], r.Scenario,
        JsonSerializer.Deserialize<List<string>>(r.RosterJson, Json) ?? [], JsonSerializer.Deserialize<DrillTargets>(r.TargetsJson, Json) ?? DrillTargets.Default,
        r.State, r.StartedAt, r.StartedBy, r.PlannedEndAt, r.EndedAt, r.EndedBy, r.Origin);
}
