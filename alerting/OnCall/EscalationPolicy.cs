namespace NetOps.Alerting.OnCall;

/// <summary>One step of a policy (DESIGN.md <c>steps</c>): notify a schedule or named users, then wait before the next.</summary>
public sealed record EscalationStep(string? Schedule, IReadOnlyList<string> Users, double WaitMinutes);

/// <summary>
/// A step due at a time, with its key: an alert group is paged once per key, which is what makes a step exactly
/// once when the scheduler fires it again after a restart (the key names the Quartz job and the sent-mail row).
/// </summary>
public readonly record struct DueStep(int Round, int Step, DateTimeOffset DueAt)
{
    public string Key(string groupKey) => $"{groupKey}/round{Round}/step{Step}";
}

/// <summary>
/// An escalation policy: level 1 at once, then each next level after the previous level's wait if nobody
/// acknowledged, the whole list run <see cref="Repeat"/> more times (DESIGN.md <c>repeat</c>) while unacknowledged.
/// </summary>
public sealed record EscalationPolicy(string Name, IReadOnlyList<EscalationStep> Steps, int Repeat)
{
    public string? Validate()
    {
        if (Steps.Count == 0) return "steps is empty";
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            if (step.Schedule is null && step.Users.Count == 0) return $"steps[{i}].notify names no schedule and no users";
            if (double.IsNaN(step.WaitMinutes) || step.WaitMinutes is < 0 or > 7 * 24 * 60) return $"steps[{i}].waitMinutes must be between 0 and 10080";
        }
        if (Repeat is < 0 or > 100) return "repeat must be between 0 and 100";
        if (Repeat > 0 && Steps.Sum(s => s.WaitMinutes) == 0) return "repeat needs a step that waits, or the rounds would all fire at once";
        return null;
    }

    /// <summary>Every step in order with its due time, for a group that started paging at <paramref name="startedAt"/>.</summary>
    public IEnumerable<DueStep> Plan(DateTimeOffset startedAt)
    {
        var due = startedAt;
        for (var round = 0; round <= Repeat; round++)
            for (var step = 0; step < Steps.Count; step++)
            {
                yield return new DueStep(round, step, due);
                due = due.AddMinutes(Steps[step].WaitMinutes);
            }
    }

    /// <summary>
    /// The steps due by <paramref name="now"/> that have not been sent, for a group acknowledged at
    /// <paramref name="acknowledgedAt"/> (null while nobody has): an acknowledgement stops every later step.
    /// </summary>
    public IReadOnlyList<DueStep> DueBy(DateTimeOffset startedAt, DateTimeOffset now, DateTimeOffset? acknowledgedAt, IReadOnlySet<string> sentKeys, string groupKey) =>
        Plan(startedAt)
            .TakeWhile(s => s.DueAt <= now && (acknowledgedAt is null || s.DueAt < acknowledgedAt))
            .Where(s => !sentKeys.Contains(s.Key(groupKey)))
            .ToList();

    /// <summary>
    /// The unsent steps due at the latest moment a step fell due by <paramref name="now"/>: what a group pages now.
    /// After a long outage of NetOps itself people get the current level, not every missed one; a missed step stays
    /// missed, because it is never the latest again. Steps that fall due together (a wait of 0) page together.
    /// </summary>
    public IReadOnlyList<DueStep> Current(DateTimeOffset startedAt, DateTimeOffset now, IReadOnlySet<string> sentKeys, string groupKey)
    {
        var latest = Plan(startedAt).TakeWhile(s => s.DueAt <= now).Select(s => (DateTimeOffset?)s.DueAt).LastOrDefault();
        return latest is null ? [] : DueBy(startedAt, now, null, sentKeys, groupKey).Where(s => s.DueAt == latest).ToList();
    }

    /// <summary>When the next step falls due after <paramref name="now"/>, or null when the policy has run out.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset startedAt, DateTimeOffset now) =>
        Plan(startedAt).Where(s => s.DueAt > now).Select(s => (DateTimeOffset?)s.DueAt).FirstOrDefault();
}
