using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Alerts;

/// <summary>DESIGN.md <c>GET /api/v1/alerts</c> states.</summary>
public enum AlertState { Firing, Acknowledged, Resolved, Suppressed }

/// <summary>One line of an alert's timeline: what changed, when, who did it (null for NetOps itself) and why.</summary>
public sealed record AlertTimelineEntry(DateTimeOffset Time, AlertState From, AlertState To, string? Actor, string Note);

/// <summary>The outcome of a transition: applied, or refused with the reason shown to the person who asked.</summary>
public readonly record struct TransitionResult(bool Applied, string? Refusal)
{
    public static TransitionResult Ok => new(true, null);
    public static TransitionResult Refused(string reason) => new(false, reason);
}

/// <summary>
/// One alert: a condition named by its labels (one fingerprint, so the same condition is one alert), its life
/// firing → acknowledged → resolved, suppression by a silence or a parent alert, and a timeline of every change.
/// A condition that fires again after it resolved is a new occurrence of the same alert: <see cref="StartsAt"/>
/// moves and the acknowledgement is cleared, because nobody has acknowledged the new failure.
/// </summary>
public sealed class Alert
{
    readonly List<AlertTimelineEntry> _timeline = [];

    public Alert(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, DateTimeOffset startsAt)
    {
        Labels = labels;
        Annotations = annotations;
        Fingerprint = LabelSet.Fingerprint(labels);
        StartsAt = startsAt;
        State = AlertState.Firing;
        _timeline.Add(new AlertTimelineEntry(startsAt, AlertState.Firing, AlertState.Firing, null, "fired"));
    }

    Alert(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, string fingerprint)
    {
        Labels = labels;
        Annotations = annotations;
        Fingerprint = fingerprint;
    }

    /// <summary>An alert as stored (state DB): the same object the transitions were made on, with its timeline.</summary>
    public static Alert Restore(string fingerprint, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations,
        AlertState state, DateTimeOffset startsAt, DateTimeOffset? endsAt, string? acknowledgedBy, DateTimeOffset? acknowledgedAt,
        string? suppressedBy, IEnumerable<AlertTimelineEntry> timeline)
    {
        var alert = new Alert(labels, annotations, fingerprint)
        {
            State = state,
            StartsAt = startsAt,
            EndsAt = endsAt,
            AcknowledgedBy = acknowledgedBy,
            AcknowledgedAt = acknowledgedAt,
            SuppressedBy = suppressedBy,
        };
        alert._timeline.AddRange(timeline);
        return alert;
    }

    public string Fingerprint { get; }
    public IReadOnlyDictionary<string, string> Labels { get; }
    public IReadOnlyDictionary<string, string> Annotations { get; private set; }
    public AlertState State { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public string? AcknowledgedBy { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    /// <summary>The silence id or parent alert fingerprint that holds it back (DESIGN.md <c>suppressedBy</c>).</summary>
    public string? SuppressedBy { get; private set; }
    public IReadOnlyList<AlertTimelineEntry> Timeline => _timeline;

    public bool IsActive => State is not AlertState.Resolved;

    /// <summary>The condition is reported again: a resolved alert fires anew, an active one only takes the new annotations.</summary>
    public void Refire(IReadOnlyDictionary<string, string> annotations, DateTimeOffset now)
    {
        Annotations = annotations;
        if (State is not AlertState.Resolved) return;
        StartsAt = now;
        EndsAt = null;
        AcknowledgedBy = null;
        AcknowledgedAt = null;
        Move(now, SuppressedBy is null ? AlertState.Firing : AlertState.Suppressed, null, "fired again");
    }

    public TransitionResult Acknowledge(string user, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(user)) return TransitionResult.Refused("an acknowledgement needs the user who gives it");
        switch (State)
        {
            case AlertState.Resolved: return TransitionResult.Refused("the alert is already resolved");
            case AlertState.Acknowledged: return TransitionResult.Refused($"already acknowledged by {AcknowledgedBy}");
        }
        AcknowledgedBy = user;
        AcknowledgedAt = now;
        Move(now, AlertState.Acknowledged, user, "acknowledged");
        return TransitionResult.Ok;
    }

    /// <summary>Resolves the alert: by a person (<paramref name="user"/>) or, with null, because the condition cleared.</summary>
    public TransitionResult Resolve(string? user, DateTimeOffset now, string note = "")
    {
        if (State is AlertState.Resolved) return TransitionResult.Refused("the alert is already resolved");
        EndsAt = now;
        Move(now, AlertState.Resolved, user, note.Length > 0 ? note : user is null ? "condition cleared" : "resolved by hand");
        return TransitionResult.Ok;
    }

    /// <summary>Sets or clears what holds the alert back; an acknowledged alert stays acknowledged but remembers why it is quiet.</summary>
    public void SetSuppression(string? suppressedBy, DateTimeOffset now, string reason = "")
    {
        if (SuppressedBy == suppressedBy) return;
        SuppressedBy = suppressedBy;
        if (State is AlertState.Firing && suppressedBy is not null)
            Move(now, AlertState.Suppressed, null, $"suppressed by {suppressedBy}{(reason.Length > 0 ? $" ({reason})" : "")}");
        else if (State is AlertState.Suppressed && suppressedBy is null)
            Move(now, AlertState.Firing, null, "released");
    }

    void Move(DateTimeOffset now, AlertState to, string? actor, string note)
    {
        _timeline.Add(new AlertTimelineEntry(now, State, to, actor, note));
        State = to;
    }
}
