using Microsoft.EntityFrameworkCore;
using NetOps.Core.State;

namespace NetOps.Alerting.Mail;

/// <summary>A page the sender holds.</summary>
public sealed record ClaimedPage(long Id, string Address, string Subject, string Body, string MessageId, int Attempts, string AlertIdsJson);

/// <summary>
/// The sender's side of <c>alert_notifications</c>: claim due rows with a lease (one conditional UPDATE, so two nodes
/// never hold the same row), then one statement per reply: sent, retry later, or failed.
/// </summary>
public sealed class PageOutbox(IDbContextFactory<NetOpsDbContext> contexts, TimeProvider time)
{
    public async Task<(string Token, IReadOnlyList<ClaimedPage> Rows)> ClaimAsync(string node, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = $"{(node.Length > 60 ? node[..60] : node)}/{Guid.NewGuid():N}";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.AlertNotifications.AsNoTracking()
            .Where(n => n.State == "pending" && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .OrderBy(n => n.NextAttemptAt).ThenBy(n => n.Id).Select(n => n.Id).Take(max).ToListAsync(cancellationToken);
        if (ids.Count == 0) return (token, []);
        await db.AlertNotifications.Where(n => ids.Contains(n.Id) && n.State == "pending" && (n.LeaseUntil == null || n.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, token).SetProperty(n => n.LeaseUntil, now + lease), cancellationToken);
        var rows = await db.AlertNotifications.AsNoTracking().Where(n => n.ClaimedBy == token).OrderBy(n => n.Id)
            .Select(n => new ClaimedPage(n.Id, n.Address, n.Subject, n.Body, n.MessageId, n.Attempts, n.AlertIdsJson)).ToListAsync(cancellationToken);
        return (token, rows);
    }

    public async Task MarkSentAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AlertNotifications.Where(n => n.Id == id && n.State == "pending")
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, "sent").SetProperty(n => n.SentAt, now).SetProperty(n => n.Attempts, n => n.Attempts + 1)
                .SetProperty(n => n.LastError, (string?)null).SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task RetryLaterAsync(long id, string token, int attempts, DateTimeOffset next, string error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AlertNotifications.Where(n => n.Id == id && n.State == "pending" && n.ClaimedBy == token)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Attempts, attempts).SetProperty(n => n.NextAttemptAt, next).SetProperty(n => n.LastError, Limit(error))
                .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>A 5xx or the last try: the page fails for good, and its alerts show why.</summary>
    public async Task FailAsync(ClaimedPage page, int attempts, string error, CancellationToken cancellationToken)
    {
        var ids = System.Text.Json.JsonSerializer.Deserialize<List<long>>(page.AlertIdsJson) ?? [];
        var text = Limit(error);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AlertNotifications.Where(n => n.Id == page.Id && n.State == "pending")
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.State, "failed").SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, text)
                .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        var message = Limit($"{page.Address}: {error}");
        await db.Alerts.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.LastMailError, message), cancellationToken);
    }

    public async Task ReleaseAsync(string token, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.AlertNotifications.Where(n => n.ClaimedBy == token && n.State == "pending")
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    private static string Limit(string s) => s.Length <= 1000 ? s : s[..1000];
}
