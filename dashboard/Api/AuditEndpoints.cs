using System.Globalization;
using CsvHelper;
using NetOps.Core.Audit;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary><c>GET /api/v1/audit</c> and its CSV export, which carries the hashes so that an auditor can check the chain outside NetOps.</summary>
public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int? limit, AuditLog audit, CancellationToken ct) =>
                await audit.QueryAsync(new AuditQuery(from, to, actor, action, limit ?? 500), ct))
            .WithSummary("Audit records, newest first (from, to, actor, action prefix, limit)").RequireAuthorization(NetOpsPolicies.ReadAudit);

        api.MapGet("/audit.csv", async (DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, HttpContext context, AuditLog audit) =>
            {
                var records = await audit.QueryAsync(new AuditQuery(from, to, actor, action, 1_000_000, Ascending: true), context.RequestAborted);
                await audit.RecordAsync(new AuditEntry(HttpAuditActor.ForRequest(context), "audit.export", null, null,
                    new { from, to, actor, action, records = records.Count }), context.RequestAborted);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = "attachment; filename=\"netops-audit.csv\"";
                await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
                await using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true))
                    await WriteAsync(csv, records, context.RequestAborted);
                return Results.Empty;
            })
            .WithSummary("The same records as CSV with sequence, previousHash and hash").RequireAuthorization(NetOpsPolicies.ReadAudit);
    }

    /// <summary>Columns: sequence,time,actor,source,action,target,before,after,previousHash,hash (time as in the canonical form; an empty field is null).</summary>
    public static async Task WriteAsync(CsvWriter csv, IEnumerable<AuditRecord> records, CancellationToken cancellationToken)
    {
        await csv.WriteRecordAsync(["sequence", "time", "actor", "source", "action", "target", "before", "after", "previousHash", "hash"], cancellationToken);
        foreach (var r in records)
        {
            await csv.WriteRecordAsync([
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                r.Time.ToUniversalTime().ToString(AuditChain.TimeFormat, CultureInfo.InvariantCulture),
                r.Actor, r.Source ?? "", r.Action, r.Target ?? "", r.Before ?? "", r.After ?? "", r.PreviousHash, r.Hash,
            ], cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
