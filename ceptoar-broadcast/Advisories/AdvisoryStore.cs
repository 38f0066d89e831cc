using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Ceptoar.Signing;
using NetOps.Core.Advisories.Storage;
using NetOps.Core.Audit;
using NetOps.Core.State;

namespace NetOps.Ceptoar.Advisories;

/// <summary>
/// The advisories in the state DB (<c>advisories</c>, <c>advisory_outbox</c>) and their four-eyes lifecycle. Each
/// human action commits together with its audit record (<c>advisory.create</c>, <c>advisory.approve</c>,
/// <c>advisory.approve.denied</c>, <c>advisory.send</c>, <c>advisory.cancel</c>, <c>advisory.resend</c>, <c>advisory.acknowledge</c>);
/// each committed change is reported to <see cref="DeliveryProgress"/> for the pages open in this process. A send
/// commits one outbox row per recipient contact in the same transaction that moves the advisory to <c>sending</c>, so
/// that the sender never sees half a recipient list.
/// </summary>
public sealed class AdvisoryStore(
    IDbContextFactory<NetOpsDbContext> contexts, AuditLog audit, BodyDirectory directory, DeliverySignal signal, TimeProvider time, AdvisorySigner? signer = null,
    DeliveryProgress? progress = null)
{
    public const int MaxTitleLength = 200;
    public const int MaxSourceLength = 200;
    public const int MaxBodyLength = 100_000;
    public const int MaxListItems = 200;
    public const int MaxListItemLength = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Checks <paramref name="draft"/> and stores it as a draft by <paramref name="actor"/>. A correction or retraction
    /// must name a sent advisory in <see cref="AdvisoryDraft.Supersedes"/>; without <paramref name="recipients"/> it goes
    /// to that advisory's recipients. Other drafts need <paramref name="recipients"/>.
    /// </summary>
    public async Task<AdvisoryCreateResult> CreateAsync(AdvisoryDraft draft, RecipientSpec? recipients, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = ValidateContent(draft);
        long id;
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            if (draft.Kind is AdvisoryKind.Correction or AdvisoryKind.Retraction)
            {
                if (draft.Supersedes is not { } original)
                    errors.Add(new("supersedes", $"a {AdvisoryNames.Of(draft.Kind)} must name the advisory it {(draft.Kind == AdvisoryKind.Correction ? "corrects" : "retracts")}"));
                else
                {
                    var o = await db.Advisories.AsNoTracking().Where(a => a.Id == original).Select(a => new { a.State, a.Recipients }).SingleOrDefaultAsync(cancellationToken);
                    if (o is null) errors.Add(new("supersedes", $"no advisory has the id {original}"));
                    else if (o.State != AdvisoryNames.Of(AdvisoryState.Sent) && o.State != AdvisoryNames.Of(AdvisoryState.Sending))
                        errors.Add(new("supersedes", $"advisory {original} has not been sent (it is {o.State}); change or cancel it instead"));
                    else recipients ??= RecipientSpec.FromJson(o.Recipients);
                }
            }
            else if (draft.Supersedes is not null)
                errors.Add(new("supersedes", "only a correction or a retraction supersedes another advisory"));

            if (recipients is null)
            {
                // A correction whose original is wrong has no recipients to inherit: that one error is enough.
                if (!errors.Any(e => e.Field == "supersedes")) errors.Add(new("recipients", "required: \"all\", prefectures or body codes"));
            }
            else
            {
                var unknown = recipients.Unknown(directory);
                if (unknown.Count > 0) errors.Add(new("recipients", $"no current body or prefecture has the code {string.Join(", ", unknown.Take(20))}"));
                else if (TlpPolicy.Refusal(draft.Tlp, recipients, recipients.Resolve(directory).Count) is { } refusal) errors.Add(new("tlp", refusal));
            }
            if (errors.Count > 0) return new AdvisoryCreateResult(null, errors);

            var now = time.GetUtcNow();
            var row = new AdvisoryRecord
            {
                Title = draft.Title.Trim(), Body = draft.Body, Severity = AdvisoryNames.Of(draft.Severity), Tlp = AdvisoryNames.Of(draft.Tlp),
                Source = draft.Source.Trim(), Kind = AdvisoryNames.Of(draft.Kind),
                References = JsonSerializer.Serialize(draft.References, Json), AffectedProducts = JsonSerializer.Serialize(draft.AffectedProducts, Json),
                RecommendedActions = JsonSerializer.Serialize(draft.RecommendedActions, Json), TrackingId = draft.TrackingId, Supersedes = draft.Supersedes,
                Recipients = recipients!.ToJson(), Author = actor.Name, State = AdvisoryNames.Of(AdvisoryState.Draft), CreatedAt = now, UpdatedAt = now,
            };
            db.Advisories.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            id = row.Id;
            record = await audit.AppendAsync(db, new AuditEntry(actor, "advisory.create", Target(id), null,
                new { row.Title, row.Kind, row.Severity, row.Tlp, row.Source, recipients = JsonDocument.Parse(row.Recipients).RootElement, row.Supersedes }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        progress?.Report(id);
        return new AdvisoryCreateResult(id, []);
    }

    /// <summary>The checks of a draft's content that need no database: title one line of at most 200 characters, a body, a source, bounded lists.</summary>
    public static List<AdvisoryError> ValidateContent(AdvisoryDraft draft)
    {
        var errors = new List<AdvisoryError>();
        var title = draft.Title?.Trim() ?? "";
        if (title.Length == 0) errors.Add(new("title", "required"));
        else if (title.Length > MaxTitleLength) errors.Add(new("title", $"at most {MaxTitleLength} characters (is {title.Length})"));
        else if (title.Any(char.IsControl)) errors.Add(new("title", "one line: no line breaks or control characters (it becomes the mail subject)"));
        if (string.IsNullOrWhiteSpace(draft.Body)) errors.Add(new("body", "required"));
        else if (draft.Body.Length > MaxBodyLength) errors.Add(new("body", $"at most {MaxBodyLength} characters"));
        var source = draft.Source?.Trim() ?? "";
        if (source.Length == 0) errors.Add(new("source", "required (NISC, JPCERT/CC, IPA or a vendor)"));
        else if (source.Length > MaxSourceLength || source.Any(char.IsControl)) errors.Add(new("source", $"one line of at most {MaxSourceLength} characters"));
        if (!Enum.IsDefined(draft.Severity)) errors.Add(new("severity", "one of urgent, warning, caution, information"));
        if (!Enum.IsDefined(draft.Tlp)) errors.Add(new("tlp", "one of clear, green, amber, amber+strict, red"));
        if (!Enum.IsDefined(draft.Kind)) errors.Add(new("kind", "one of advisory, newsletter, correction, retraction"));
        foreach (var (name, list) in new[] { ("references", draft.References), ("affectedProducts", draft.AffectedProducts), ("recommendedActions", draft.RecommendedActions) })
        {
            if (list is null) continue;
            if (list.Count > MaxListItems) errors.Add(new(name, $"at most {MaxListItems} items"));
            else if (list.Any(i => i is null || i.Length > MaxListItemLength)) errors.Add(new(name, $"each item a string of at most {MaxListItemLength} characters"));
        }
        if (draft.TrackingId is { } tracking && (tracking.Length > 200 || tracking.Any(char.IsControl))) errors.Add(new("trackingId", "one line of at most 200 characters"));
        return errors;
    }

    public async Task<IReadOnlyList<Advisory>> ListAsync(AdvisoryState? state = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<AdvisoryRecord> q = db.Advisories.AsNoTracking();
        if (state is { } s) { var name = AdvisoryNames.Of(s); q = q.Where(a => a.State == name); }
        var rows = await q.OrderByDescending(a => a.Id).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(ToAdvisory).ToList();
    }

    public async Task<Advisory?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Advisories.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : ToAdvisory(row);
    }

    /// <summary>
    /// Four eyes: <paramref name="actor"/> approves a draft they did not write. An attempt by the author is refused and
    /// audited (<c>advisory.approve.denied</c>); an approval is audited as <c>advisory.approve</c>.
    /// </summary>
    public async Task<ApprovalOutcome> ApproveAsync(long id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ApprovalOutcome outcome;
        AuditRecord? record = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var row = await db.Advisories.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (row is null) return ApprovalOutcome.NotFound;
            if (string.Equals(row.Author, actor.Name, StringComparison.OrdinalIgnoreCase))
            {
                outcome = ApprovalOutcome.AuthorMayNotApprove;
                record = await audit.AppendAsync(db, new AuditEntry(actor, "advisory.approve.denied", Target(id), new { row.State, row.Author },
                    new { reason = "the author may not approve their own advisory" }), cancellationToken);
            }
            else if (row.State != AdvisoryNames.Of(AdvisoryState.Draft))
            {
                outcome = ApprovalOutcome.NotADraft;
            }
            else
            {
                var now = time.GetUtcNow();
                row.State = AdvisoryNames.Of(AdvisoryState.Approved);
                row.Approver = actor.Name;
                row.ApprovedAt = now;
                row.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                outcome = ApprovalOutcome.Approved;
                record = await audit.AppendAsync(db, new AuditEntry(actor, "advisory.approve", Target(id), new { state = "draft", row.Author },
                    new { row.State, row.Approver }), cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
        }
        if (record is not null) audit.Published(record);
        if (outcome == ApprovalOutcome.Approved) progress?.Report(id);
        return outcome;
    }

    /// <summary>
    /// Sends an approved advisory now (its outbox rows are committed before this returns), or schedules it for
    /// <paramref name="at"/> when that is in the future. Audited <c>advisory.send</c>.
    /// </summary>
    public async Task<SendResult> SendAsync(long id, DateTimeOffset? at, AuditActor actor, CancellationToken cancellationToken = default)
    {
        SendResult result;
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var row = await db.Advisories.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (row is null) return new SendResult(SendOutcome.NotFound);
            if (row.State != AdvisoryNames.Of(AdvisoryState.Approved))
                return new SendResult(SendOutcome.NotApproved, Reason: $"only an approved advisory can be sent; this one is {row.State}");
            // Never unsigned instead of signed, never sent with a certificate a municipality's client would reject.
            if (signer?.Status() is (SigningState.Expired, var expired)) return new SendResult(SendOutcome.Refused, Reason: $"refused: {expired}");
            var now = time.GetUtcNow();
            row.Sender = actor.Name;
            row.UpdatedAt = now;
            if (at is { } due && due > now)
            {
                row.State = AdvisoryNames.Of(AdvisoryState.Scheduled);
                row.SendAt = due;
                await db.SaveChangesAsync(cancellationToken);
                result = new SendResult(SendOutcome.Scheduled);
            }
            else
            {
                row.SendAt = now;
                result = await StartSendingAsync(db, row, now, cancellationToken);
                if (result.Outcome == SendOutcome.Refused) return result;
            }
            record = await audit.AppendAsync(db, new AuditEntry(actor, "advisory.send", Target(id), new { state = "approved" },
                new { row.State, sendAt = row.SendAt, recipients = result.Recipients, bodiesWithoutContact = result.BodiesWithoutContact?.Count ?? 0 }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        if (result.Outcome == SendOutcome.Sending) signal.Kick();
        progress?.Report(id);
        return result;
    }

    /// <summary>Cancels a draft, approved or scheduled advisory (audited <c>advisory.cancel</c>); false when it is not one of those.</summary>
    public async Task<bool?> CancelAsync(long id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var row = await db.Advisories.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (row is null) return null;
            var before = row.State;
            if (before != AdvisoryNames.Of(AdvisoryState.Draft) && before != AdvisoryNames.Of(AdvisoryState.Approved) && before != AdvisoryNames.Of(AdvisoryState.Scheduled))
                return false;
            row.State = AdvisoryNames.Of(AdvisoryState.Cancelled);
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "advisory.cancel", Target(id), new { state = before }, new { row.State }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        progress?.Report(id);
        return true;
    }

    /// <summary>
    /// Queues the recipients that failed for good once more: their outbox rows go back to pending, due now, with their
    /// tries counted from zero and the same Message-ID (a copy that did arrive after all is recognisable as the same
    /// mail). The advisory is sending again until they are done. Audited <c>advisory.resend</c> with the addresses.
    /// </summary>
    public async Task<ResendResult> ResendFailedAsync(long id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        AuditRecord record;
        int n;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var row = await db.Advisories.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (row is null) return new ResendResult(ResendOutcome.NotFound);
            var before = row.State;
            if (before != AdvisoryNames.Of(AdvisoryState.Sent) && before != AdvisoryNames.Of(AdvisoryState.Sending)) return new ResendResult(ResendOutcome.NotSent);
            var failed = await db.AdvisoryOutbox.AsNoTracking().Where(o => o.AdvisoryId == id && o.State == OutboxStates.Failed)
                .OrderBy(o => o.Id).Select(o => new { o.Id, o.Code, o.Address, o.Attempts, o.LastError }).ToListAsync(cancellationToken);
            if (failed.Count == 0) return new ResendResult(ResendOutcome.NoFailures);
            var now = time.GetUtcNow();
            var ids = failed.Select(f => f.Id).ToList();
            n = await db.AdvisoryOutbox.Where(o => ids.Contains(o.Id) && o.State == OutboxStates.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxStates.Pending).SetProperty(o => o.Attempts, 0).SetProperty(o => o.NextAttemptAt, now)
                    .SetProperty(o => o.ClaimedBy, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
            row.State = AdvisoryNames.Of(AdvisoryState.Sending);
            row.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(actor, "advisory.resend", Target(id),
                new { state = before, failed = failed.Take(200).Select(f => new { f.Code, f.Address, f.Attempts, f.LastError }) },
                new { row.State, recipients = n }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        signal.Kick();
        progress?.Report(id);
        return new ResendResult(ResendOutcome.Requeued, n);
    }

    /// <summary>
    /// Starts the scheduled advisories that are due (any node may; the conditional state change lets one of them do
    /// it). Returns how many it started.
    /// </summary>
    public async Task<int> StartDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var scheduled = AdvisoryNames.Of(AdvisoryState.Scheduled);
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            due = await db.Advisories.AsNoTracking().Where(a => a.State == scheduled && a.SendAt <= now).Select(a => a.Id).ToListAsync(cancellationToken);
        int started = 0;
        foreach (var id in due)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            // Claim the start: on PostgreSQL the row lock makes a second node's update wait and then find it no longer scheduled.
            int claimed = await db.Advisories.Where(a => a.Id == id && a.State == scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AdvisoryNames.Of(AdvisoryState.Sending)).SetProperty(a => a.UpdatedAt, now), cancellationToken);
            if (claimed == 0) continue;
            var row = await db.Advisories.SingleAsync(a => a.Id == id, cancellationToken);
            var result = await StartSendingAsync(db, row, now, cancellationToken);
            if (result.Outcome == SendOutcome.Refused)
            {
                // Cannot happen unless the TLP rules changed since it was approved; keep it visible, never send it.
                row.State = AdvisoryNames.Of(AdvisoryState.Cancelled);
                await db.SaveChangesAsync(cancellationToken);
            }
            var record = await audit.AppendAsync(db, new AuditEntry(AuditActor.System, "advisory.send.start", Target(id), new { state = "scheduled" },
                new { row.State, recipients = result.Recipients, result.Reason }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
            audit.Published(record);
            progress?.Report(id);
            started++;
        }
        return started;
    }

    /// <summary>
    /// Inside the caller's write transaction: moves <paramref name="row"/> to sending and adds one outbox row per
    /// recipient contact (an address shared by two bodies gets one mail, under the first body).
    /// </summary>
    private async Task<SendResult> StartSendingAsync(NetOpsDbContext db, AdvisoryRecord row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipients = RecipientSpec.FromJson(row.Recipients);
        var bodies = recipients.Resolve(directory);
        AdvisoryNames.TryParse(row.Tlp, out TrafficLightProtocol tlp);
        if (TlpPolicy.Refusal(tlp, recipients, bodies.Count) is { } refusal) return new SendResult(SendOutcome.Refused, Reason: refusal);
        var codes = bodies.Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
        var contacts = (await db.AdvisoryContacts.AsNoTracking().ToListAsync(cancellationToken))
            .Where(c => codes.Contains(c.Code)).OrderBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Address, StringComparer.Ordinal).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        int n = 0;
        foreach (var c in contacts)
        {
            if (!seen.Add(c.Address)) continue;
            db.AdvisoryOutbox.Add(new AdvisoryOutboxRecord
            {
                AdvisoryId = row.Id, Address = c.Address, Code = c.Code, Charset = c.Charset, State = OutboxStates.Pending, NextAttemptAt = now,
                MessageId = MessageIds.For(row.Id, c.Address),
            });
            n++;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        row.State = AdvisoryNames.Of(AdvisoryState.Sending);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var withContact = contacts.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        return new SendResult(SendOutcome.Sending, n, bodies.Where(b => !withContact.Contains(b.Code)).Select(b => b.Code).ToList());
    }

    /// <summary>
    /// Records that the body behind <paramref name="address"/> confirmed <paramref name="advisoryId"/> (once; audited
    /// <c>advisory.acknowledge</c> as <c>body:CODE</c> from <paramref name="source"/>).
    /// </summary>
    public async Task<AcknowledgementOutcome> AcknowledgeAsync(long advisoryId, string address, string? source, CancellationToken cancellationToken = default)
    {
        AuditRecord record;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var tx = await StateDbTransactions.BeginWriteAsync(db, cancellationToken: cancellationToken);
            var rows = await db.AdvisoryOutbox.Where(o => o.AdvisoryId == advisoryId && o.Round == 0).Where(o => o.Address == address || o.Address.ToLower() == address.ToLower())
                .ToListAsync(cancellationToken);
            var row = rows.FirstOrDefault();
            if (row is null) return AcknowledgementOutcome.NotFound;
            if (row.AcknowledgedAt is not null) return AcknowledgementOutcome.AlreadyAcknowledged;
            row.AcknowledgedAt = time.GetUtcNow();
            row.AcknowledgedFrom = source is { Length: > 64 } ? source[..64] : source;
            await db.SaveChangesAsync(cancellationToken);
            record = await audit.AppendAsync(db, new AuditEntry(new AuditActor($"body:{row.Code}", source), "advisory.acknowledge", Target(advisoryId), null,
                new { row.Code, row.Address, row.AcknowledgedAt }), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        audit.Published(record);
        progress?.Report(advisoryId);
        return AcknowledgementOutcome.Acknowledged;
    }

    /// <summary>The outbox row of one recipient (its body's code and when it acknowledged), or null when the advisory never went to that address.</summary>
    public async Task<(string Code, DateTimeOffset? AcknowledgedAt)?> RecipientAsync(long advisoryId, string address, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.AdvisoryOutbox.AsNoTracking().Where(o => o.AdvisoryId == advisoryId && o.Round == 0).Where(o => o.Address == address || o.Address.ToLower() == address.ToLower())
            .Select(o => new { o.Code, o.AcknowledgedAt }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Code, row.AcknowledgedAt);
    }

    /// <summary>Delivery and acknowledgement counts of one advisory, in total and per prefecture; null when there is no such advisory.</summary>
    public async Task<DeliveryReport?> DeliveriesAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var advisory = await db.Advisories.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.State }).SingleOrDefaultAsync(cancellationToken);
        if (advisory is null) return null;
        // The advisory's own mails (round 0); reminders are extra mails to the same recipients, not more recipients.
        var rows = await db.AdvisoryOutbox.AsNoTracking().Where(o => o.AdvisoryId == id && o.Round == 0)
            .Select(o => new { o.Code, o.Address, o.State, o.Attempts, o.LastError, Acknowledged = o.AcknowledgedAt != null }).ToListAsync(cancellationToken);
        DeliveryCounts Count(IEnumerable<(string State, bool Acknowledged)> items)
        {
            int total = 0, sent = 0, failed = 0, pending = 0, acknowledged = 0;
            foreach (var (state, ack) in items)
            {
                total++;
                if (state == OutboxStates.Sent) sent++;
                else if (state == OutboxStates.Failed) failed++;
                else pending++;
                if (ack) acknowledged++;
            }
            return new DeliveryCounts(total, sent, failed, pending, acknowledged);
        }
        var prefectures = rows.GroupBy(r => directory.Find(r.Code)?.PrefectureCode ?? (r.Code.Length >= 2 ? r.Code[..2] : r.Code))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PrefectureDeliveries(g.Key, directory.Bodies.FirstOrDefault(b => b.PrefectureCode == g.Key)?.Prefecture ?? g.Key,
                Count(g.Select(r => (r.State, r.Acknowledged))))).ToList();
        var failures = rows.Where(r => r.State == OutboxStates.Failed).OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new DeliveryFailure(r.Code, r.Address, r.Attempts, r.LastError ?? "")).ToList();
        return new DeliveryReport(id, AdvisoryNames.TryParse(advisory.State, out AdvisoryState s) ? s : AdvisoryState.Draft,
            Count(rows.Select(r => (r.State, r.Acknowledged))), prefectures, failures);
    }

    /// <summary>The delivery counts of each of <paramref name="ids"/> that has outbox rows (the advisory list's sent column).</summary>
    public async Task<IReadOnlyDictionary<long, DeliveryCounts>> DeliveryTotalsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return new Dictionary<long, DeliveryCounts>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var list = ids.ToList();
        var groups = await db.AdvisoryOutbox.AsNoTracking().Where(o => list.Contains(o.AdvisoryId))
            .GroupBy(o => new { o.AdvisoryId, o.State })
            .Select(g => new { g.Key.AdvisoryId, g.Key.State, Count = g.Count(), Acknowledged = g.Count(o => o.AcknowledgedAt != null) })
            .ToListAsync(cancellationToken);
        return groups.GroupBy(g => g.AdvisoryId).ToDictionary(g => g.Key, g =>
        {
            int sent = g.Where(x => x.State == OutboxStates.Sent).Sum(x => x.Count), failed = g.Where(x => x.State == OutboxStates.Failed).Sum(x => x.Count);
            int total = g.Sum(x => x.Count);
            return new DeliveryCounts(total, sent, failed, total - sent - failed, g.Sum(x => x.Acknowledged));
        });
    }

    private static string Target(long id) => $"advisory/{id}";

    private static Advisory ToAdvisory(AdvisoryRecord r)
    {
        AdvisoryNames.TryParse(r.Severity, out AdvisorySeverity severity);
        AdvisoryNames.TryParse(r.Tlp, out TrafficLightProtocol tlp);
        AdvisoryNames.TryParse(r.Kind, out AdvisoryKind kind);
        AdvisoryNames.TryParse(r.State, out AdvisoryState state);
        var draft = new AdvisoryDraft(r.Title, r.Body, severity, tlp, r.Source, List(r.References), List(r.AffectedProducts), List(r.RecommendedActions),
            kind, r.TrackingId, r.Supersedes);
        return new Advisory(r.Id, draft, RecipientSpec.FromJson(r.Recipients), r.Author, state, r.Approver, r.ApprovedAt, r.Sender, r.SendAt, r.SentAt, r.CreatedAt, r.UpdatedAt);
    }

    private static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}
