namespace NetOps.Core.Drills;

/// <summary>A failover drill (危機管理対応訓練) as the state DB keeps it (table <c>drills</c>).</summary>
public sealed class DrillRecord
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The sites drilled, JSON array of codes.</summary>
    public string SitesJson { get; set; } = "[]";
    /// <summary><see cref="DrillScenarios"/>: what is planned to happen.</summary>
    public string Scenario { get; set; } = DrillScenarios.PrimaryDownThenSwitchback;
    /// <summary>The people paged for the drill's alerts instead of the real on-call, JSON array of user names.</summary>
    public string RosterJson { get; set; } = "[]";
    /// <summary>The targets the report scores against, JSON of <see cref="DrillTargets"/>.</summary>
    public string TargetsJson { get; set; } = "{}";
    /// <summary>running, ended or cancelled.</summary>
    public string State { get; set; } = "running";
    public DateTimeOffset StartedAt { get; set; }
    public string StartedBy { get; set; } = "";
    /// <summary>When the drill ends by itself if nobody ends it.</summary>
    public DateTimeOffset PlannedEndAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    /// <summary>Where it came from: <c>operator</c> (the page or API) or <c>simulator</c> (the demo's simulated drills).</summary>
    public string Origin { get; set; } = "operator";
    public DateTimeOffset UpdatedAt { get; set; }
}
