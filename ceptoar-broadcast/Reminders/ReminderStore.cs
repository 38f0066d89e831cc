using Microsoft.EntityFrameworkCore;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Core.Advisories.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Reminders;

/// <summary>
/// Queues reminders as <c>advisory_outbox</c> rows of round 1, 2, … beside the advisory's own (round 0), so the sender
/// sends them like any advisory mail: claimed with a lease, retried, each with its own stable Message-ID
/// (<see cref="MessageIds.For(long, string, int)"/>). The table is unique on advisory, address and round, so a round is
/// queued once whatever nodes or restarts race for it, and a queued round survives a crash until it is sent.
/// </summary>
public sealed class ReminderStore(IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, TimeProvider time, Microsoft.Extensions.Options.IOptions<ReminderOptions> options)
{
    private readonly ReminderOptions _options = options.Value;

    /// <summary>
    /// The recipients of sent advisories whose links may still be used (sent within <paramref name="window"/>), as the
    /// reminder rules see them.
    /// </summary>
    public async Task<IReadOnlyList<RecipientRounds>> RecipientsAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow() - window;
        var sent = AdvisoryNames.Of(AdvisoryState.Sent);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var advisories = await db.Advisories.AsNoTracking().Where(a => a.State == sent && a.SentAt >= since).Select(a => a.Id).ToListAsync(cancellationToken);
        if (advisories.Count == 0) return [];
        // Only recipients that may be due: delivered and not acknowledged (round 0), and the reminders of those advisories.
        var rows = await db.AdvisoryOutbox.AsNoTracking()
            .Where(o => advisories.Contains(o.AdvisoryId) && (o.Round > 0 || (o.State == OutboxStates.Sent && o.AcknowledgedAt == null)))
            .Select(o => new { o.AdvisoryId, o.Address, o.Code, o.Charset, o.Round, o.State, o.SentAt, o.AcknowledgedAt }).ToListAsync(cancellationToken);
        var result = new List<RecipientRounds>();
        foreach (var g in rows.GroupBy(r => (r.AdvisoryId, Address: r.Address.ToLowerInvariant())))
        {
            var first = g.FirstOrDefault(r => r.Round == 0);
            if (first is null) continue;
            var latest = g.MaxBy(r => r.Round)!;
            result.Add(new RecipientRounds(first.AdvisoryId, first.Address, first.Code, first.Charset, first.State, first.AcknowledgedAt,
                latest.Round, latest.State, latest.SentAt));
        }
        return result;
    }

    /// <summary>
    /// Queues every reminder that is due now (one transaction, one <c>advisory.remind</c> audit record per advisory and
    /// round, by the system). Returns how many it queued; 0 when another node queued them first.
    /// </summary>
    public async Task<int> QueueDueAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (_options.Max <= 0) return 0;
        var now = time.GetUtcNow();
        var due = ReminderPolicy.Due(await RecipientsAsync(window, cancellationToken), now, _options).ToList();
        if (due.Count == 0) return 0;
        var records = new List<AuditRecord>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            // Re-read inside the write transaction: what another node queued since the read above is not queued again.
            var keys = due.Select(d => d.AdvisoryId).Distinct().ToList();
            var existing = (await db.AdvisoryOutbox.AsNoTracking().Where(o => keys.Contains(o.AdvisoryId) && o.Round > 0)
                    .Select(o => new { o.AdvisoryId, o.Address, o.Round }).ToListAsync(cancellationToken))
                .Select(o => (o.AdvisoryId, o.Address.ToLowerInvariant(), o.Round)).ToHashSet();
            due = due.Where(d => !existing.Contains((d.AdvisoryId, d.Address.ToLowerInvariant(), d.Round))).ToList();
            if (due.Count == 0) return 0;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var d in due)
            {
                db.AdvisoryOutbox.Add(new AdvisoryOutboxRecord
                {
                    AdvisoryId = d.AdvisoryId, Address = d.Address, Code = d.Code, Charset = d.Charset, Round = d.Round,
                    State = OutboxStates.Pending, NextAttemptAt = now, MessageId = MessageIds.For(d.AdvisoryId, d.Address, d.Round),
                });
            }
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await db.SaveChangesAsync(cancellationToken);
            foreach (var g in due.GroupBy(d => (d.AdvisoryId, d.Round)).OrderBy(g => g.Key))
            {
                records.Add(await audit.AppendAsync(db, new AuditEntry(AuditActor.System, "advisory.remind", $"advisory/{g.Key.AdvisoryId}", null,
                    new { round = g.Key.Round, recipients = g.Count(), afterHours = _options.AfterHours }), cancellationToken));
            }
            await tx.CommitAsync(cancellationToken);
        }
        foreach (var r in records) audit.Published(r);
        return due.Count;
    }
}
