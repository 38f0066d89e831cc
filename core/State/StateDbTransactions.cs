using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace NetOps.Core.State;

/// <summary>The state DB's write transactions, one rule for every part.</summary>
public static class StateDbTransactions
{
    /// <summary>
    /// A write transaction. SQLite: BEGIN IMMEDIATE, which takes the database's write lock at once. PostgreSQL: read
    /// committed, so that statements after an advisory-lock wait (<paramref name="lockKey"/>, transaction-scoped) see
    /// what the writer before committed; a serializable snapshot would be taken before the wait.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteAsync(DbContext db, long? lockKey = null, CancellationToken cancellationToken = default)
    {
        bool postgres = db.Database.IsNpgsql();
        var tx = await db.Database.BeginTransactionAsync(postgres ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable, cancellationToken);
        if (postgres && lockKey is { } key) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        return tx;
    }
}
