using System.Globalization;
using NetOps.Core.Detections;
using NetOps.Core.Events;
using NetOps.Core.Sites;

namespace NetOps.Analyzer.Failover;

/// <summary>
/// The per-site failover state machine: normal → failover_started (the primary failed) → backup_carrying (the backup
/// carries) → switchback (the primary carries again), with outage (both lines down, or silence) and flapping (a line
/// changing state N times in a window, reported once, while phase detections are held back). One failover seen through
/// syslog, VRRP/HSRP, BGP and a traffic shift is one detection per phase: the first signal reports it, and later
/// signals of the same phase amend its evidence (same <see cref="Detection.Id"/>). The same code runs on the points the
/// collector hands over in memory and on what the window detector reads from InfluxDB; it reads no clock, only the
/// data's time, so both paths reach the same detections. Serialisable: its state is the analyzer's, kept in the state DB.
/// </summary>
public sealed class FailoverTracker
{
    public const string DetectorName = "failover";

    public Dictionary<string, SiteFailover> Sites { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest traffic seen from any site (the data's clock for silence).</summary>
    public DateTimeOffset? LastTrafficAt { get; set; }

    public void Process(LineSignal s, FailoverOptions o, FailoverOutput output, bool rerun = false)
    {
        if (!Sites.TryGetValue(s.Site, out var st)) Sites[s.Site] = st = new SiteFailover();
        var before = StatusOf(s.Site, st);
        if (s.Kind == SignalKind.Health)
        {
            // a poll that finds a line up which the machine holds down is that line coming up (SNMP may be all there is)
            if ((s.Line == LineRole.Primary ? st.PrimaryUp : st.BackupUp) == false) s = s with { Kind = SignalKind.LineUp };
            else
            {
                Health(s.Site, st, s, o, output, rerun);
                // The backup's own counters are the most direct proof that it carries: a site that failed over and whose
                // backup interface moves traffic in the poll interval carries from the interval's start (or the failover).
                if (s.Line == LineRole.Backup && st.Phase == FailoverPhase.FailedOver && st.CarryingAt is null
                    && s.Seconds > 0 && s.Bytes / s.Seconds >= o.SnmpCarryingBytesPerSecond)
                {
                    var from = s.Time - TimeSpan.FromSeconds(s.Seconds);
                    StartCarrying(s.Site, st, st.PhaseStart is { } ps && from < ps ? ps : from, s, PollEvidence(s), o, output, rerun);
                }
                if (StatusOf(s.Site, st) is var status && status != before) output.Add(status);
                return;
            }
        }
        var evidence = Evidence(s);
        var bucket = TimeSpan.FromSeconds(o.TrafficBucketSeconds);

        bool carriesNow = false;
        if (s.Kind == SignalKind.Traffic)
        {
            carriesNow = AddTraffic(st, s) >= o.MinCarryingBytes;
            if (st.LastTrafficAt is null || s.Time > st.LastTrafficAt) st.LastTrafficAt = s.Time;
            if (LastTrafficAt is null || s.Time > LastTrafficAt) LastTrafficAt = s.Time;
        }
        if (s.Kind is SignalKind.BecameMaster or SignalKind.LostMaster) st.UsesGatewayProtocol = true;
        TrackLineState(st, s, evidence, o, output, rerun);

        bool primary = s.Line == LineRole.Primary, backup = s.Line == LineRole.Backup;
        bool failure = primary && s.Kind is SignalKind.LineDown or SignalKind.LostMaster
                       || backup && s.Kind == SignalKind.BecameMaster
                       || backup && carriesNow && PrimaryQuietIn(st, s.Time, o)
                          // the backup's last window before a switchback is not a new failover
                          && (st.LastSwitchbackAt is not { } sb || s.Time - bucket > sb + TimeSpan.FromSeconds(1));
        bool carrying = backup && (s.Kind == SignalKind.BecameMaster || carriesNow);
        bool recovery = primary && s.Kind is SignalKind.LineUp or SignalKind.BecameMaster
                        || backup && s.Kind == SignalKind.LostMaster;
        bool backupDown = backup && s.Kind == SignalKind.LineDown;

        switch (st.Phase)
        {
            case FailoverPhase.Normal:
                if (failure && st.FlappingSince is null)
                {
                    st.Phase = FailoverPhase.FailedOver;
                    st.PhaseStart = s.Time;
                    st.CarryingAt = null;
                    st.RecoveryAt = null;
                    st.Recovery.Clear();
                    st.Open.Clear();
                    Report(s.Site, st, DetectionKind.FailoverStarted, s.Time, "primary line down: " + Describe(s), "primary", evidence, o, output, rerun);
                    if (st.BackupUp == false)
                        EnterOutage(s.Site, st, s.Time, "both lines down: the backup was already down", evidence, o, output, rerun);
                    else if (carrying)
                        StartCarrying(s.Site, st, s.Time, s, evidence, o, output, rerun);
                }
                else if (st.Open.TryGetValue(DetectionKind.Switchback.ToTag(), out var after) && primary
                         && (s.Kind != SignalKind.Traffic || carriesNow) && !after.Evidence.Any(e => e.Source == "flow"))
                {
                    // The first traffic on the primary after a switchback shows it carries; keep it with the switchback.
                    Amend(s.Site, after, evidence, o, output, rerun);
                }
                break;

            case FailoverPhase.FailedOver:
                if (backupDown)
                {
                    EnterOutage(s.Site, st, s.Time, "both lines down: " + Describe(s), evidence, o, output, rerun);
                    break;
                }
                if (carrying && st.CarryingAt is null)
                {
                    var at = s.Kind == SignalKind.Traffic && st.PhaseStart is { } ps && s.Time - bucket < ps ? ps : s.Kind == SignalKind.Traffic ? s.Time - bucket : s.Time;
                    StartCarrying(s.Site, st, at, s, evidence, o, output, rerun);
                }
                else if (carrying && st.Open.TryGetValue(DetectionKind.BackupCarrying.ToTag(), out var open)
                         && (s.Kind != SignalKind.Traffic || !open.Evidence.Any(e => e.Source == "flow")))
                {
                    Amend(s.Site, open, evidence, o, output, rerun);
                }
                else if (failure && !carrying && st.Open.TryGetValue(DetectionKind.FailoverStarted.ToTag(), out var started))
                {
                    Amend(s.Site, started, evidence, o, output, rerun);
                }

                if (recovery)
                {
                    st.RecoveryAt ??= s.Time;
                    if (st.Recovery.Count < o.MaxEvidence) st.Recovery.Add(evidence);
                }
                // Traffic shows the primary carries only in a window wholly after the recovery (or, when no event said the
                // primary was down, after the failover); syslog times have whole seconds, so a second more.
                bool primaryCarries = primary && (s.Kind == SignalKind.BecameMaster
                                                  || carriesNow && (st.RecoveryAt is not null || st.PrimaryUp != false)
                                                     && s.Time - bucket > (st.RecoveryAt ?? st.PhaseStart ?? s.Time) + TimeSpan.FromSeconds(1)
                                                  // Without a gateway protocol or traffic figures, the line coming up is all there is to go by.
                                                  || s.Kind == SignalKind.LineUp && !st.UsesGatewayProtocol && st.LastTrafficAt is null);
                if (primaryCarries) Switchback(s.Site, st, s, evidence, o, output, rerun);
                break;

            case FailoverPhase.Outage:
                if (primary && (recovery || carriesNow))
                {
                    st.Phase = FailoverPhase.Normal;
                    st.PhaseStart = null;
                    st.Open.Clear();
                    SetReason(st, s.Time, "the primary carries again after the outage: " + Describe(s));
                }
                else if (backup && (carrying || s.Kind == SignalKind.LineUp))
                {
                    st.Phase = FailoverPhase.FailedOver;
                    st.CarryingAt = null;
                    StartCarrying(s.Site, st, s.Time, s, evidence, o, output, rerun);
                }
                break;
        }

        if (StatusOf(s.Site, st) is var after2 && after2 != before) output.Add(after2);
    }

    /// <summary>Advances the data's clock: a site silent while others send goes to outage; a line quiet for a flap window stops flapping.</summary>
    public void Tick(DateTimeOffset now, FailoverOptions o, FailoverOutput output, bool rerun = false)
    {
        var flapWindow = TimeSpan.FromSeconds(o.FlapWindowSeconds);
        foreach (var (site, st) in Sites)
        {
            var before = StatusOf(site, st);
            if (st.FlappingSince is not null)
            {
                var last = st.PrimaryChanges.Concat(st.BackupChanges).Select(e => e.Time).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
                if (now - last >= flapWindow)
                {
                    st.FlappingSince = null;
                    st.FlappingLine = null;
                    SetReason(st, now, "the line stopped flapping");
                }
            }
            if (o.SilenceSeconds > 0 && st.Phase != FailoverPhase.Outage && st.LastTrafficAt is { } seen && LastTrafficAt is { } latest
                && latest - seen >= TimeSpan.FromSeconds(o.SilenceSeconds))
            {
                var e = new DetectionEvidence(seen, "flow", "silence", null, null,
                    string.Create(CultureInfo.InvariantCulture, $"no traffic since {seen:O}; other sites sent until {latest:O}"));
                if (st.Phase == FailoverPhase.Normal) st.Open.Clear();
                EnterOutage(site, st, seen, "the site went silent", e, o, output, rerun);
            }
            if (StatusOf(site, st) is var after && after != before) output.Add(after);
        }
    }

    /// <summary>The site's state for <c>GET /api/v1/sites</c>.</summary>
    public static SiteStatus StatusOf(string site, SiteFailover st)
    {
        var since = st.StateSince ?? DateTimeOffset.UnixEpoch;
        if (st.Phase == FailoverPhase.Outage) return new SiteStatus(site, SiteState.Down, "none", since, st.StateReason);
        if (st.Phase == FailoverPhase.FailedOver) return new SiteStatus(site, SiteState.Backup, st.BackupUp == false ? "none" : "backup", since, st.StateReason);
        if (st.FlappingSince is not null || st.DegradedSince is not null) return new SiteStatus(site, SiteState.Degraded, "primary", since, st.StateReason);
        bool known = st.PrimaryUp is not null || st.BackupUp is not null || st.LastTrafficAt is not null || st.UsesGatewayProtocol;
        return new SiteStatus(site, known ? SiteState.Up : SiteState.Unknown, known ? "primary" : "none", since, st.StateReason);
    }

    private static double AddTraffic(SiteFailover st, LineSignal s)
    {
        // A line's flow points of one window (one per protocol and direction) add up; an older window's late point is ignored.
        if (s.Line == LineRole.Primary)
        {
            if (st.PrimaryWindow == s.Time) st.PrimaryBytes += s.Bytes;
            else if (st.PrimaryWindow is null || s.Time > st.PrimaryWindow) { st.PrimaryWindow = s.Time; st.PrimaryBytes = s.Bytes; }
            else return 0;
            return st.PrimaryBytes;
        }
        if (st.BackupWindow == s.Time) st.BackupBytes += s.Bytes;
        else if (st.BackupWindow is null || s.Time > st.BackupWindow) { st.BackupWindow = s.Time; st.BackupBytes = s.Bytes; }
        else return 0;
        return st.BackupBytes;
    }

    /// <summary>The primary carried (next to) nothing in the window in which the backup carries: the traffic moved.</summary>
    private static bool PrimaryQuietIn(SiteFailover st, DateTimeOffset window, FailoverOptions o) =>
        st.PrimaryWindow != window || st.PrimaryBytes < Math.Max(o.MinCarryingBytes, st.BackupBytes * 0.1);

    private void TrackLineState(SiteFailover st, LineSignal s, DetectionEvidence evidence, FailoverOptions o, FailoverOutput output, bool rerun)
    {
        bool? up = s.Kind switch { SignalKind.LineDown => false, SignalKind.LineUp => true, _ => null };
        if (s.Kind == SignalKind.BecameMaster) { if (s.Line == LineRole.Primary) st.PrimaryUp = true; else st.BackupUp = true; }
        if (up is not { } isUp) return;
        var current = s.Line == LineRole.Primary ? st.PrimaryUp : st.BackupUp;
        if (s.Line == LineRole.Primary) st.PrimaryUp = isUp; else st.BackupUp = isUp;
        if (current == isUp) return; // a second source saying the same (BGP after the link) is not a change

        var changes = s.Line == LineRole.Primary ? st.PrimaryChanges : st.BackupChanges;
        changes.Add(evidence);
        var window = TimeSpan.FromSeconds(o.FlapWindowSeconds);
        changes.RemoveAll(e => s.Time - e.Time > window);
        if (changes.Count > o.FlapCount * 2) changes.RemoveRange(0, changes.Count - o.FlapCount * 2);
        if (changes.Count >= o.FlapCount && st.FlappingSince is null)
        {
            st.FlappingSince = changes[0].Time;
            st.FlappingLine = s.Line.ToTag();
            var message = string.Create(CultureInfo.InvariantCulture,
                $"{s.Line.ToTag()} line flapping: {changes.Count} changes in {o.FlapWindowSeconds / 60.0:0.#} min");
            SetReason(st, s.Time, message);
            output.Add(Build(s.Site, new OpenDetection
            {
                Kind = DetectionKind.Flapping, Time = changes[0].Time, Message = message, Line = s.Line.ToTag(), Evidence = [.. changes],
            }, rerun));
        }
    }

    /// <summary>
    /// One SNMP poll of the primary line's interface: so many erroring or saturated polls in a row make the line
    /// degraded (one detection), so many clean ones make it healthy again. The backup's polls only keep it up.
    /// </summary>
    private static void Health(string site, SiteFailover st, LineSignal s, FailoverOptions o, FailoverOutput output, bool rerun)
    {
        if (s.Line == LineRole.Primary) st.PrimaryUp ??= true; else st.BackupUp ??= true;
        if (s.Line != LineRole.Primary) return;
        if (st.PrimaryPolledAt is { } last && s.Time <= last) return; // a late or repeated poll
        double seconds = st.PrimaryPolledAt is { } previous ? (s.Time - previous).TotalSeconds : 0;
        st.PrimaryPolledAt = s.Time;
        if (seconds <= 0) return; // the first poll has no interval to judge
        double errorsPerMinute = double.IsNaN(s.Errors) ? 0 : s.Errors / seconds * 60;
        double utilization = s.SpeedBitsPerSecond > 0 ? s.Bytes * 8 / seconds / s.SpeedBitsPerSecond : 0;
        bool erroring = errorsPerMinute >= o.DegradedErrorsPerMinute, saturated = utilization >= o.SaturatedShare;
        if (!erroring && !saturated)
        {
            st.BadPolls = 0;
            st.BadPollEvidence.Clear();
            if (st.DegradedSince is not null && ++st.CleanPolls >= o.HealthyPolls)
            {
                st.DegradedSince = null;
                st.CleanPolls = 0;
                SetReason(st, s.Time, "the primary line is healthy again: " + s.Detail);
            }
            return;
        }

        st.CleanPolls = 0;
        st.BadPolls++;
        var what = erroring && saturated
            ? string.Create(CultureInfo.InvariantCulture, $"{errorsPerMinute:0.#} errors/min and {utilization:P0} of its speed")
            : erroring ? string.Create(CultureInfo.InvariantCulture, $"{errorsPerMinute:0.#} errors/min") : string.Create(CultureInfo.InvariantCulture, $"{utilization:P0} of its speed");
        var evidence = new DetectionEvidence(s.Time, "interface", erroring ? "errors" : "utilization", s.Device, s.Line.ToTag(), $"{s.Detail} ({what})",
            erroring ? errorsPerMinute : utilization);
        if (st.BadPollEvidence.Count < o.MaxEvidence) st.BadPollEvidence.Add(evidence);
        if (st.DegradedSince is not null || st.BadPolls < o.DegradedPolls || st.Phase != FailoverPhase.Normal) return;
        st.DegradedSince = st.BadPollEvidence[0].Time;
        var message = $"primary line {(erroring && saturated ? "erroring and saturated" : erroring ? "erroring" : "saturated")}: {what} on {s.Device ?? "?"}";
        SetReason(st, s.Time, message);
        output.Add(Build(site, new OpenDetection
        {
            Kind = DetectionKind.Degraded, Time = st.DegradedSince.Value, Message = message, Line = "primary", Evidence = [.. st.BadPollEvidence],
        }, rerun));
    }

    private void StartCarrying(string site, SiteFailover st, DateTimeOffset at, LineSignal s, DetectionEvidence evidence, FailoverOptions o, FailoverOutput output, bool rerun)
    {
        st.CarryingAt = at;
        var takeover = st.PhaseStart is { } start ? (at - start).TotalSeconds : 0;
        Report(site, st, DetectionKind.BackupCarrying, at,
            string.Create(CultureInfo.InvariantCulture, $"backup line carries ({Describe(s)}), {takeover:0.#} s after the failover started"),
            "backup", evidence, o, output, rerun, new Dictionary<string, double> { ["takeover"] = Math.Max(0, takeover) });
    }

    private void Switchback(string site, SiteFailover st, LineSignal s, DetectionEvidence evidence, FailoverOptions o, FailoverOutput output, bool rerun)
    {
        var durations = new Dictionary<string, double>();
        if (st.PhaseStart is { } start && st.CarryingAt is { } carrying)
        {
            durations["takeover"] = Math.Max(0, (carrying - start).TotalSeconds);
            durations["onBackup"] = Math.Max(0, (s.Time - carrying).TotalSeconds);
        }
        if (st.PhaseStart is { } s0) durations["total"] = Math.Max(0, (s.Time - s0).TotalSeconds);
        durations["switchback"] = Math.Max(0, (s.Time - (st.RecoveryAt ?? s.Time)).TotalSeconds);
        var items = st.Recovery.Append(evidence).DistinctBy(e => (e.Time, e.Source, e.Kind, e.Device)).ToList();
        st.Phase = FailoverPhase.Normal;
        st.LastSwitchbackAt = s.Time;
        st.Open.Clear();
        Report(site, st, DetectionKind.Switchback, s.Time,
            string.Create(CultureInfo.InvariantCulture, $"primary line carries again ({Describe(s)}) after {durations.GetValueOrDefault("total"):0.#} s"),
            "primary", items[0], o, output, rerun, durations);
        var open = st.Open[DetectionKind.Switchback.ToTag()];
        foreach (var e in items.Skip(1)) open.Evidence.Add(e);
        if (items.Count > 1) output.Add(Build(site, open, rerun));
        st.PhaseStart = null;
        st.CarryingAt = null;
        st.RecoveryAt = null;
        st.Recovery.Clear();
    }

    private void EnterOutage(string site, SiteFailover st, DateTimeOffset at, string message, DetectionEvidence evidence, FailoverOptions o, FailoverOutput output, bool rerun)
    {
        st.Phase = FailoverPhase.Outage;
        st.PhaseStart ??= at;
        Report(site, st, DetectionKind.Outage, at, message, null, evidence, o, output, rerun);
    }

    private static void Report(string site, SiteFailover st, DetectionKind kind, DateTimeOffset at, string message, string? line, DetectionEvidence evidence,
        FailoverOptions o, FailoverOutput output, bool rerun, Dictionary<string, double>? durations = null)
    {
        var open = new OpenDetection { Kind = kind, Time = at, Message = message, Line = line, Evidence = [evidence], Durations = durations ?? [] };
        st.Open[kind.ToTag()] = open;
        SetReason(st, at, message);
        output.Add(Build(site, open, rerun));
    }

    private static void Amend(string site, OpenDetection open, DetectionEvidence evidence, FailoverOptions o, FailoverOutput output, bool rerun)
    {
        if (open.Evidence.Count >= o.MaxEvidence || open.Evidence.Contains(evidence)) return;
        open.Evidence.Add(evidence);
        output.Add(Build(site, open, rerun));
    }

    private static Detection Build(string site, OpenDetection open, bool rerun) => new()
    {
        Time = open.Time,
        Site = site,
        Detector = DetectorName,
        Kind = open.Kind,
        Score = 1,
        Message = open.Message,
        Line = open.Line,
        Evidence = [.. open.Evidence],
        Durations = new Dictionary<string, double>(open.Durations),
        Rerun = rerun,
    };

    private static void SetReason(SiteFailover st, DateTimeOffset at, string reason)
    {
        st.StateSince = at;
        st.StateReason = reason;
    }

    private static DetectionEvidence Evidence(LineSignal s) => s.Kind == SignalKind.Traffic
        ? new DetectionEvidence(s.Time, "flow", "bytes", s.Device, s.Line.ToTag(),
            string.Create(CultureInfo.InvariantCulture, $"{s.Bytes:N0} bytes from {s.Device} in the window ending {s.Time:HH:mm:ss}"), s.Bytes)
        : new DetectionEvidence(s.Time, "event", s.Source, s.Device, s.Line.ToTag(), s.Detail is { Length: > 300 } d ? d[..300] : s.Detail);

    private static DetectionEvidence PollEvidence(LineSignal s) => new(s.Time, "interface", "octets", s.Device, s.Line.ToTag(),
        string.Create(CultureInfo.InvariantCulture, $"{s.Detail} ({s.Bytes / s.Seconds * 8 / 1e6:0.##} Mbit/s over {s.Seconds:0} s)"), s.Bytes);

    private static string Describe(LineSignal s) => s.Kind switch
    {
        SignalKind.Traffic => string.Create(CultureInfo.InvariantCulture, $"{s.Bytes:N0} bytes via {s.Device}"),
        SignalKind.Health => string.Create(CultureInfo.InvariantCulture, $"{s.Bytes:N0} octets on {s.Device ?? "?"}'s interface in {s.Seconds:0} s"),
        _ => $"{s.Source} on {s.Device ?? "?"}",
    };
}
