using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetOps.Core.State;

namespace NetOps.Core.Audit;

/// <summary>
/// Appends to and reads the audit chain. Appends are serialised across threads (a lock) and across processes
/// (SQLite: a write transaction, BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), so that two
/// nodes never chain two records to the same predecessor.
/// </summary>
public sealed partial class AuditLog(IDbContextFactory<NetOpsDbContext> contexts, TimeProvider time, ILogger<AuditLog> logger)
{
    private const long AdvisoryLockKey = 0x4E65744F70734175; // "NetOpsAu"
    private readonly SemaphoreSlim _gate = new(1, 1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Raised after a record is stored (in this process); the audit page listens.</summary>
    public event Action<AuditRecord>? Appended;

    public async Task<AuditRecord> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var strategy = db.Database.CreateExecutionStrategy();
            var record = await strategy.ExecuteAsync(async ct =>
            {
                // PostgreSQL: read committed, so that the statement after the lock sees the other node's last record
                // (a serializable snapshot would be taken before the wait). SQLite: BEGIN IMMEDIATE takes the write lock.
                await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: ct);
                var r = await AppendAsync(db, entry, ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return r;
            }, cancellationToken);
            Published(record);
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Appends <paramref name="entry"/> inside the caller's open transaction on <paramref name="db"/>, so that a change
    /// and its audit record commit together or not at all (a crash between two commits would lose the record). The
    /// caller's transaction must be a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: read committed). Call
    /// <see cref="Published"/> after the commit.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(NetOpsDbContext db, AuditEntry entry, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("AuditLog.AppendAsync needs the caller's transaction");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        var head = await db.AuditHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        var last = await db.AuditRecords.OrderByDescending(r => r.Sequence).Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        // Chain to the head, not to the newest row left: if the newest records were deleted, the next record
        // must not close the gap (it would hide the deletion from VerifyAsync).
        var (previousSequence, previousHash) = head is not null && head.Sequence >= (last?.Sequence ?? 0)
            ? (head.Sequence, head.Hash)
            : (last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        var r = new AuditRecord
        {
            Sequence = previousSequence + 1,
            Time = AuditChain.Truncate(time.GetUtcNow()),
            Actor = Limit(entry.Actor.Name, 256),
            Source = string.IsNullOrEmpty(entry.Actor.Source) ? null : Limit(entry.Actor.Source, 256),
            Action = Limit(entry.Action, 100),
            // Empty means absent: the CSV export cannot tell "" from null, and an auditor recomputes the hash from it.
            Target = string.IsNullOrEmpty(entry.Target) ? null : Limit(entry.Target, 512),
            Before = Serialize(entry.Before),
            After = Serialize(entry.After),
            PreviousHash = previousHash,
        };
        r.Hash = AuditChain.ComputeHash(r);
        db.AuditRecords.Add(r);
        if (head is null) db.AuditHeads.Add(new AuditHead { Id = 1, Sequence = r.Sequence, Hash = r.Hash });
        else { head.Sequence = r.Sequence; head.Hash = r.Hash; }
        db.ChangeTracker.DetectChanges(); // callers may have turned automatic detection off (bulk imports)
        await db.SaveChangesAsync(cancellationToken);
        return r;
    }

    /// <summary>After the commit: the log line and the <see cref="Appended"/> event (the audit page listens).</summary>
    public void Published(AuditRecord record)
    {
        Recorded(logger, record.Sequence, record.Actor, record.Action, record.Target);
        Appended?.Invoke(record);
    }

    /// <summary>Records filtered by time, actor and action, newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<AuditRecord> q = db.AuditRecords.AsNoTracking();
        if (query.From is { } from) q = q.Where(r => r.Time >= from);
        if (query.To is { } to) q = q.Where(r => r.Time < to);
        if (!string.IsNullOrWhiteSpace(query.Actor)) q = q.Where(r => r.Actor == query.Actor);
        if (!string.IsNullOrWhiteSpace(query.Action)) q = q.Where(r => r.Action.StartsWith(query.Action));
        q = query.Ascending ? q.OrderBy(r => r.Sequence) : q.OrderByDescending(r => r.Sequence);
        return await q.Take(Math.Clamp(query.Limit, 1, 1_000_000)).ToListAsync(cancellationToken);
    }

    /// <summary>Walks the whole chain in order; reports the first record whose sequence, link or hash is wrong.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        long expected = 1, count = 0;
        string previous = AuditChain.Genesis;
        await foreach (var r in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (r.Sequence != expected)
                return new(false, count, expected, r.Sequence > expected ? $"record {expected} is missing (next is {r.Sequence})" : $"sequence {r.Sequence} out of order");
            if (!string.Equals(r.PreviousHash, previous, StringComparison.Ordinal))
                return new(false, count, r.Sequence, "its previous-hash does not match the record before it (a record was removed, reordered or changed)");
            if (!string.Equals(AuditChain.ComputeHash(r), r.Hash, StringComparison.Ordinal))
                return new(false, count, r.Sequence, "its content does not match its hash (the record was changed)");
            previous = r.Hash;
            expected++;
            count++;
        }
        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        long headSequence = head?.Sequence ?? 0;
        if (headSequence != count || (head is not null && !string.Equals(head.Hash, previous, StringComparison.Ordinal)))
            return new(false, count, count + 1, $"the chain ends at record {count} but its head says {headSequence} (the newest records were removed)");
        return new(true, count, null, null);
    }

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string { Length: 0 } => null,
        string s => s,
        _ => JsonSerializer.Serialize(value, Json),
    };

    private static string Limit(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(1201, LogLevel.Information, "Audit {Sequence}: {Actor} {Action} {Target}")]
    private static partial void Recorded(ILogger logger, long sequence, string actor, string action, string? target);
}

/// <summary>Filter for <see cref="AuditLog.QueryAsync"/>.</summary>
public sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Actor = null, string? Action = null, int Limit = 500, bool Ascending = false);
