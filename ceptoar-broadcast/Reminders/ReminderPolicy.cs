using NetOps.Ceptoar.Delivery;

namespace NetOps.Ceptoar.Reminders;

/// <summary>
/// Who is due a reminder (pure; the store feeds it rows): a recipient whose advisory mail was accepted (sent), who has
/// not acknowledged, whose latest mail was accepted at least <see cref="ReminderOptions.After"/> ago and who has had
/// fewer than <see cref="ReminderOptions.Max"/> reminders. A failed or still pending latest mail stops or waits: a
/// reminder is never queued over a mail not yet delivered. Rounds follow the latest mail, not the first, so a node
/// that was down for a day sends the next round once, not every round it missed at once.
/// </summary>
public static class ReminderPolicy
{
    public static IEnumerable<DueReminder> Due(IEnumerable<RecipientRounds> recipients, DateTimeOffset now, ReminderOptions options)
    {
        if (options.Max <= 0) yield break;
        foreach (var r in recipients)
        {
            if (r.FirstState != OutboxStates.Sent || r.AcknowledgedAt is not null) continue;
            if (r.LatestState != OutboxStates.Sent || r.LatestSentAt is not { } last) continue;
            if (r.LatestRound >= options.Max) continue;
            if (last + options.After > now) continue;
            yield return new DueReminder(r.AdvisoryId, r.Address, r.Code, r.Charset, r.LatestRound + 1);
        }
    }
}
