using Microsoft.EntityFrameworkCore;
using NetOps.Core.Advisories.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Directory;

/// <summary>What an import changed: new contacts, contacts whose role or charset changed, and the refused lines.</summary>
public sealed record ContactImportResult(int Added, int Updated, IReadOnlyList<ContactRejection> Rejected)
{
    public int Imported => Added + Updated;
}

/// <summary>
/// The advisory contacts in the state DB (<c>advisory_contacts</c>). Each change commits together with its audit
/// record. Contacts whose body left the directory stay stored; <see cref="BodyDirectory.Orphaned"/> flags them.
/// </summary>
public sealed class ContactStore(IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<AdvisoryContact>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AdvisoryContacts.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Address, StringComparer.Ordinal)
            .Select(r => new AdvisoryContact(r.Code, r.Address, r.Role, r.Charset)).ToList();
    }

    public async Task<IReadOnlyList<AdvisoryContact>> ForBodyAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.AdvisoryContacts.AsNoTracking().Where(r => r.Code == code).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Address, StringComparer.Ordinal).Select(r => new AdvisoryContact(r.Code, r.Address, r.Role, r.Charset)).ToList();
    }

    /// <summary>
    /// Replaces the contacts of one body (audited <c>directory.contacts.replace</c> with before and after). A contact
    /// without a charset keeps the one stored for its address (utf-8 for a new address).
    /// </summary>
    public async Task ReplaceAsync(string code, IReadOnlyList<AdvisoryContact> contacts, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (contacts.Any(c => c.Code != code)) throw new ArgumentException("every contact must be of the body replaced", nameof(contacts));
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var before = await db.AdvisoryContacts.Where(r => r.Code == code).OrderBy(r => r.Address)
                .Select(r => new { r.Address, r.Role, r.Charset }).ToListAsync(cancellationToken);
            var stored = before.GroupBy(b => b.Address.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().Charset);
            var after = contacts.Select(c => c with { Charset = c.Charset ?? stored.GetValueOrDefault(c.Address.ToLowerInvariant(), ContactCharsets.Utf8) }).ToList();
            await db.AdvisoryContacts.Where(r => r.Code == code).ExecuteDeleteAsync(cancellationToken);
            var now = time.GetUtcNow();
            foreach (var c in after) db.AdvisoryContacts.Add(new AdvisoryContactRecord { Code = c.Code, Address = c.Address, Role = c.Role, Charset = c.MailCharset, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "directory.contacts.replace", code, before,
                after.Select(c => new { c.Address, c.Role, Charset = c.MailCharset }).ToList()), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
    }

    /// <summary>
    /// Adds the imported contacts (a known code and address gets the file's role, and its charset when the line gives one), in one transaction with one audit
    /// record <c>directory.contacts.import</c> naming the counts and the refused lines.
    /// </summary>
    public async Task<ContactImportResult> ImportAsync(ContactImport import, AuditActor actor, string source, CancellationToken cancellationToken = default)
    {
        int added = 0, updated = 0;
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var existing = (await db.AdvisoryContacts.ToListAsync(cancellationToken))
                .ToDictionary(r => (r.Code, r.Address.ToLowerInvariant()));
            var now = time.GetUtcNow();
            foreach (var c in import.Imported)
            {
                if (existing.TryGetValue((c.Code, c.Address.ToLowerInvariant()), out var row))
                {
                    var charset = c.Charset ?? row.Charset;
                    if (row.Role == c.Role && row.Charset == charset) continue;
                    row.Role = c.Role;
                    row.Charset = charset;
                    row.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    var r = new AdvisoryContactRecord { Code = c.Code, Address = c.Address, Role = c.Role, Charset = c.MailCharset, UpdatedAt = now };
                    db.AdvisoryContacts.Add(r);
                    existing[(c.Code, c.Address.ToLowerInvariant())] = r;
                    added++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "directory.contacts.import", source, null,
                new { added, updated, rejected = import.Rejected.Select(r => new { r.Line, reason = r.Reason.ToString(), r.Message }).ToList() }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        return new ContactImportResult(added, updated, import.Rejected);
    }
}
