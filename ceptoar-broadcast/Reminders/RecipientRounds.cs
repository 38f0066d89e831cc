namespace NetOps.Ceptoar.Reminders;

/// <summary>
/// One recipient of one sent advisory as the reminder rules see it: its first mail (round 0) and its latest mail
/// (round 0 or the last reminder), from <c>advisory_outbox</c>.
/// </summary>
public sealed record RecipientRounds(
    long AdvisoryId, string Address, string Code, string Charset,
    string FirstState, DateTimeOffset? AcknowledgedAt,
    int LatestRound, string LatestState, DateTimeOffset? LatestSentAt);

/// <summary>A reminder to queue: round <see cref="Round"/> (1, 2, …) of <see cref="AdvisoryId"/> to <see cref="Address"/>.</summary>
public sealed record DueReminder(long AdvisoryId, string Address, string Code, string Charset, int Round);
