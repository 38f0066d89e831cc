using NetOps.Core.Audit;
using NetOps.Core.Influx;

namespace NetOps.Dashboard.Ui;

/// <summary>What the overview shows, taken at <see cref="At"/>; a source that failed leaves its part null and says why.</summary>
public sealed record OverviewSnapshot(
    DateTimeOffset At,
    DateTimeOffset ProcessStartedAt,
    SiteCounts Sites,
    TrafficLastHour? Traffic,
    string? TrafficError,
    SinceStartCounters SinceStart,
    SpoolState Spool,
    IReadOnlyList<PartHealth> Health,
    DateTimeOffset? InventoryChangedAt,
    string? InventoryChangedBy,
    IReadOnlyList<AuditRecord> LatestAudit,
    string? AuditError)
{
    public static OverviewSnapshot Empty(DateTimeOffset now) => new(now, now, new SiteCounts(0, 0, 0, 0, 0, 0, 0), null, null,
        new SinceStartCounters(0, 0, 0, 0, 0, 0, 0, 0), default, [], null, null, [], null);
}

/// <summary>Sites by kind and devices by kind, from the live inventory; <paramref name="SnmpPolled"/>: devices marked for SNMP polling.</summary>
public sealed record SiteCounts(int Total, int Centres, int PrefectureNodes, int Municipalities, int Devices, int Routers, int Firewalls, int SnmpPolled = 0);

/// <summary>
/// From InfluxDB: events (syslog messages stored) and flows over the last hour, and events per minute; the polled
/// devices whose latest SNMP reachability event is <c>snmp_down</c> (they do not answer now), and the traps stored in the hour.
/// </summary>
public sealed record TrafficLastHour(long Events, long Flows, IReadOnlyList<MinuteCount> EventsPerMinute)
{
    public IReadOnlyList<string> SnmpNotAnswering { get; init; } = [];
    public long SnmpTraps { get; init; }
}

/// <summary>One minute of the chart: its start (UTC) and the count.</summary>
public readonly record struct MinuteCount(DateTimeOffset Minute, long Count);

/// <summary>This process's counters since it started (<c>/metrics</c>).</summary>
public sealed record SinceStartCounters(
    double SyslogReceived, double SyslogParsed, double SyslogUnknown, double SyslogMalformed, double SyslogDropped,
    double PointsWritten, double PointsSpooled, double PointsDropped);

/// <summary>One entry of <c>/health</c>: its name, whether it is up, and the reason it gives.</summary>
public sealed record PartHealth(string Name, HealthState State, string? Reason);

/// <summary>The one state scale of the screen (STYLE.md): always shown with an icon and a word.</summary>
public enum HealthState { Up, Degraded, Down, Unknown }
