namespace NetOps.Analyzer.Failover;

/// <summary>One site's failover state (serialised with the tracker: a restart carries on in the same phase).</summary>
public sealed class SiteFailover
{
    public FailoverPhase Phase { get; set; }
    /// <summary>null: not known yet.</summary>
    public bool? PrimaryUp { get; set; }
    public bool? BackupUp { get; set; }
    public DateTimeOffset? PhaseStart { get; set; }
    public DateTimeOffset? CarryingAt { get; set; }
    public DateTimeOffset? RecoveryAt { get; set; }
    public DateTimeOffset? LastSwitchbackAt { get; set; }
    /// <summary>The current window's bytes per line (window end, bytes), summed over the line's flow points.</summary>
    public DateTimeOffset? PrimaryWindow { get; set; }
    public double PrimaryBytes { get; set; }
    public DateTimeOffset? BackupWindow { get; set; }
    public double BackupBytes { get; set; }
    public DateTimeOffset? LastTrafficAt { get; set; }
    /// <summary>A VRRP or HSRP change was seen here: gateway changes, not link state, say which line carries.</summary>
    public bool UsesGatewayProtocol { get; set; }
    /// <summary>Recent up/down changes per line (primary, backup), for flapping.</summary>
    public List<NetOps.Core.Detections.DetectionEvidence> PrimaryChanges { get; set; } = [];
    public List<NetOps.Core.Detections.DetectionEvidence> BackupChanges { get; set; } = [];
    /// <summary>Evidence that the primary is recovering, kept until the switchback is reported with it.</summary>
    public List<NetOps.Core.Detections.DetectionEvidence> Recovery { get; set; } = [];
    /// <summary>Set while a line flaps (reported once); cleared after a quiet flap window.</summary>
    public DateTimeOffset? FlappingSince { get; set; }
    public string? FlappingLine { get; set; }
    /// <summary>The primary line's last SNMP poll (its interval is the time since the one before).</summary>
    public DateTimeOffset? PrimaryPolledAt { get; set; }
    /// <summary>Consecutive erroring or saturated polls of the primary line, and consecutive clean ones.</summary>
    public int BadPolls { get; set; }
    public int CleanPolls { get; set; }
    /// <summary>The bad polls of the current run, kept as the degraded detection's evidence.</summary>
    public List<NetOps.Core.Detections.DetectionEvidence> BadPollEvidence { get; set; } = [];
    /// <summary>Set while the primary line errors or is saturated (reported once); cleared after enough clean polls.</summary>
    public DateTimeOffset? DegradedSince { get; set; }
    /// <summary>The phase detections reported in the current phase, by kind tag.</summary>
    public Dictionary<string, OpenDetection> Open { get; set; } = [];
    /// <summary>Since when the reported state holds, and why.</summary>
    public DateTimeOffset? StateSince { get; set; }
    public string? StateReason { get; set; }
}
