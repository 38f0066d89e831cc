using Microsoft.EntityFrameworkCore;
using NetOps.Ceptoar.Advisories;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Delivery;

/// <summary>A row the sender holds: what it needs to send one mail.</summary>
public sealed record ClaimedRow(long Id, long AdvisoryId, string Address, string Code, int Attempts, string MessageId, string Charset = "utf-8", int Round = 0);

/// <summary>Rows claimed together under one token until <see cref="LeaseUntil"/>.</summary>
public sealed record OutboxClaim(string Token, DateTimeOffset LeaseUntil, IReadOnlyList<ClaimedRow> Rows);

/// <summary>
/// The sender's side of <c>advisory_outbox</c>. A claim is one conditional UPDATE (state pending, due, lease free or
/// ended) that writes a fresh token and lease on the chosen rows; the rows that carry the token afterwards are this
/// claim's. On PostgreSQL two nodes that pick the same rows serialise on the row locks, and the second's UPDATE finds
/// the lease taken (read committed re-checks the condition), so each row has one holder; on SQLite the database's
/// write lock does the same. A retry or a failure is its own statement, made right after the server's reply; sent-marks are
/// group-committed by <see cref="SentMarks"/> (at most <c>MarkBatchSize</c> rows a statement).
/// </summary>
public sealed class OutboxStore(IDbContextFactory<NetOpsDbContext> contexts, TimeProvider time)
{
    public async Task<OutboxClaim> ClaimAsync(string node, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var until = now + lease;
        var token = $"{(node.Length > 60 ? node[..60] : node)}/{Guid.NewGuid():N}";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.AdvisoryOutbox.AsNoTracking()
            .Where(o => o.State == OutboxStates.Pending && o.NextAttemptAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .OrderBy(o => o.NextAttemptAt).ThenBy(o => o.Id).Select(o => o.Id).Take(max).ToListAsync(cancellationToken);
        if (candidates.Count == 0) return new OutboxClaim(token, until, []);
        await db.AdvisoryOutbox
            .Where(o => candidates.Contains(o.Id) && o.State == OutboxStates.Pending && (o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, token).SetProperty(o => o.LeaseUntil, until), cancellationToken);
        var rows = await db.AdvisoryOutbox.AsNoTracking().Where(o => o.ClaimedBy == token).OrderBy(o => o.Id)
            .Select(o => new ClaimedRow(o.Id, o.AdvisoryId, o.Address, o.Code, o.Attempts, o.MessageId, o.Charset, o.Round)).ToListAsync(cancellationToken);
        return new OutboxClaim(token, until, rows);
    }

    /// <summary>The server accepted the mail: the row is sent (whoever holds it now).</summary>
    public async Task<bool> MarkSentAsync(long id, CancellationToken cancellationToken = default) =>
        await MarkSentAsync([id], cancellationToken) == 1;

    /// <summary>
    /// The server accepted these mails: the rows still pending become sent, in one statement and so one commit (the
    /// sender's group commit, <see cref="SentMarks"/>). Returns how many rows it marked; a row already sent or failed is left.
    /// </summary>
    public async Task<int> MarkSentAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return 0;
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AdvisoryOutbox.Where(o => ids.Contains(o.Id) && o.State == OutboxStates.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxStates.Sent).SetProperty(o => o.SentAt, now)
                .SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.LastError, (string?)null)
                .SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>A 4xx reply or a timeout: try again at <paramref name="next"/>.</summary>
    public async Task RetryLaterAsync(long id, string token, int attempts, DateTimeOffset next, string error, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AdvisoryOutbox.Where(o => o.Id == id && o.State == OutboxStates.Pending && o.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, attempts).SetProperty(o => o.NextAttemptAt, next)
                .SetProperty(o => o.LastError, Limit(error)).SetProperty(o => o.ClaimedBy, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>A 5xx reply, or the last try: the row fails for good with the server's reply.</summary>
    public async Task FailAsync(long id, int attempts, string error, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AdvisoryOutbox.Where(o => o.Id == id && o.State == OutboxStates.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxStates.Failed).SetProperty(o => o.Attempts, attempts)
                .SetProperty(o => o.LastError, Limit(error)).SetProperty(o => o.ClaimedBy, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Gives back the rows of <paramref name="token"/> that were not sent (a stop, or a lease about to end).</summary>
    public async Task ReleaseAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AdvisoryOutbox.Where(o => o.ClaimedBy == token && o.State == OutboxStates.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Advisories being sent that have no pending row left become sent; returns their ids. (Reminders are queued only for sent advisories.)</summary>
    public async Task<IReadOnlyList<long>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var sending = AdvisoryNames.Of(AdvisoryState.Sending);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var done = await db.Advisories.AsNoTracking()
            .Where(a => a.State == sending && !db.AdvisoryOutbox.Any(o => o.AdvisoryId == a.Id && o.State == OutboxStates.Pending))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        var completed = new List<long>();
        foreach (var id in done)
        {
            int n = await db.Advisories
                .Where(a => a.Id == id && a.State == sending && !db.AdvisoryOutbox.Any(o => o.AdvisoryId == a.Id && o.State == OutboxStates.Pending))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AdvisoryNames.Of(AdvisoryState.Sent)).SetProperty(a => a.SentAt, now).SetProperty(a => a.UpdatedAt, now), cancellationToken);
            if (n == 1) completed.Add(id);
        }
        return completed;
    }

    private static string Limit(string s) => s.Length <= 1000 ? s : s[..1000];
}
