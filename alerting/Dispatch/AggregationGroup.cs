namespace NetOps.Alerting.Dispatch;

/// <summary>An alert as its group sees it at a flush: its identity, whether it still fires, and whether a silence hid it.</summary>
public readonly record struct GroupMember(string Fingerprint, bool Resolved, bool Silenced = false);

/// <summary>What one flush of a group sends: nothing, or the alerts still firing and those resolved since the last notice.</summary>
public sealed record FlushDecision(bool Notify, IReadOnlyList<string> Firing, IReadOnlyList<string> Resolved, string Reason)
{
    public static FlushDecision Quiet(string reason) => new(false, [], [], reason);
}

/// <summary>
/// Alertmanager's aggregation group timing, as state that can be stored and reloaded: the first notice waits
/// <see cref="GroupTimings.GroupWait"/> for more alerts to join; later flushes come every group interval and
/// send only when the group changed (an alert joined or resolved), or when it is unchanged and still firing
/// after the repeat interval. One notice per flush, however many alerts the group holds: a large group is one
/// digest, not a mail per alert.
/// </summary>
public sealed class AggregationGroup
{
    readonly HashSet<string> _notifiedFiring = new(StringComparer.Ordinal);

    public AggregationGroup(GroupKey key, GroupTimings timings, DateTimeOffset createdAt)
    {
        Key = key;
        Timings = timings;
        NextFlushAt = createdAt + timings.GroupWait;
    }

    public GroupKey Key { get; }
    public GroupTimings Timings { get; }
    public DateTimeOffset NextFlushAt { get; private set; }
    public DateTimeOffset? LastNotifiedAt { get; private set; }
    /// <summary>The alerts the last notice told people were firing.</summary>
    public IReadOnlyCollection<string> NotifiedFiring => _notifiedFiring;

    /// <summary>Restores a stored group (state DB) so a restart neither repeats a notice nor forgets one.</summary>
    public static AggregationGroup Restore(GroupKey key, GroupTimings timings, DateTimeOffset nextFlushAt,
        DateTimeOffset? lastNotifiedAt, IEnumerable<string> notifiedFiring)
    {
        var group = new AggregationGroup(key, timings, nextFlushAt - timings.GroupWait) { LastNotifiedAt = lastNotifiedAt };
        group._notifiedFiring.UnionWith(notifiedFiring);
        return group;
    }

    /// <summary>
    /// Decides the flush due at <see cref="NextFlushAt"/> and moves the group to its next one. Silenced firing
    /// alerts are not sent; a resolved alert is sent when people were told it fired, or when a silence hid it
    /// (whoever would have been paged still learns it is over). The caller drops resolved members once sent.
    /// </summary>
    public FlushDecision Flush(DateTimeOffset now, IReadOnlyCollection<GroupMember> members)
    {
        if (now < NextFlushAt) return FlushDecision.Quiet("not due");
        NextFlushAt = now + Timings.GroupInterval;

        var firing = members.Where(m => !m.Resolved && !m.Silenced).Select(m => m.Fingerprint).Order(StringComparer.Ordinal).ToList();
        var resolved = members.Where(m => m.Resolved && (_notifiedFiring.Contains(m.Fingerprint) || m.Silenced))
            .Select(m => m.Fingerprint).Order(StringComparer.Ordinal).ToList();

        var joined = firing.Any(f => !_notifiedFiring.Contains(f));
        string? reason = joined ? "alerts joined" : resolved.Count > 0 ? "alerts resolved" : null;
        if (reason is null && firing.Count > 0 && LastNotifiedAt is { } last && now - last >= Timings.RepeatInterval)
            reason = "repeat interval";
        if (reason is null)
        {
            // An alert silenced since the last notice leaves the set without a message of its own.
            _notifiedFiring.IntersectWith(firing);
            return FlushDecision.Quiet(firing.Count == 0 ? "nothing firing" : "unchanged");
        }

        _notifiedFiring.Clear();
        _notifiedFiring.UnionWith(firing);
        LastNotifiedAt = now;
        return new FlushDecision(true, firing, resolved, reason);
    }
}
