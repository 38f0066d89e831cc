using System.Text;
using Microsoft.AspNetCore.Mvc;
using NetOps.Ceptoar.Directory;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>The CEPTOAR directory (DESIGN.md HTTP API): every local government with its advisory contacts, and the CSV import and export.</summary>
public static class DirectoryEndpoints
{
    /// <summary>A contacts CSV larger than this is refused (1,788 bodies with a few contacts each is well under 2 MB).</summary>
    public const int MaxCsvBytes = 8 * 1024 * 1024;

    /// <summary>One contact as the API shows and takes it; <c>charset</c> (<c>utf-8</c> or <c>iso-2022-jp</c>) left out keeps the stored one.</summary>
    public sealed record ContactBody(string? Address, string? Role, string? Charset = null);

    public static void MapDirectory(this RouteGroupBuilder api)
    {
        var directory = api.MapGroup("/directory");

        directory.MapGet("", async (string? q, BodyDirectory bodies, ContactStore store, CancellationToken ct) =>
            {
                var contacts = (await store.ListAsync(ct)).ToLookup(c => c.Code);
                var list = bodies.Search(q).Select(b => new
                {
                    code = b.Code, name = b.Name, kana = b.Kana, prefecture = b.Prefecture, prefectureCode = b.PrefectureCode, kind = b.Kind,
                    contacts = contacts[b.Code].Select(c => new { address = c.Address, role = c.Role, charset = c.MailCharset }).ToList(),
                }).ToList();
                var orphaned = bodies.Orphaned(contacts.SelectMany(g => g))
                    .Select(o => new { code = o.Contact.Code, address = o.Contact.Address, role = o.Contact.Role, charset = o.Contact.MailCharset, reason = o.Reason }).ToList();
                return Results.Ok(new { bodies = list, orphaned });
            })
            .WithSummary("Every local government with its advisory contacts; contacts whose body merged away under orphaned")
            .RequireAuthorization(NetOpsPolicies.SignedIn);

        directory.MapPut("/{code}/contacts", async (string code, [FromBody] ContactBody[] contacts, HttpContext context, BodyDirectory bodies, ContactStore store) =>
            {
                if (!bodies.Contains(code)) return Results.NotFound();
                var (checkedContacts, errors) = ContactList.Check(code, contacts.Select(c => (c.Address, c.Role, c.Charset)).ToList());
                if (errors.Count > 0) return Results.UnprocessableEntity(new { errors = errors.Select(e => new { index = e.Index, reason = e.Reason.ToString(), message = e.Message }) });
                await store.ReplaceAsync(code, checkedContacts, HttpAuditActor.ForRequest(context), context.RequestAborted);
                var stored = await store.ForBodyAsync(code, context.RequestAborted);
                return Results.Ok(stored.Select(c => new { address = c.Address, role = c.Role, charset = c.MailCharset }));
            })
            .WithSummary("Replace one body's advisory contacts").RequireAuthorization(NetOpsPolicies.EditDirectory);

        directory.MapPost("/contacts", async (HttpContext context, BodyDirectory bodies, ContactStore store) =>
            {
                if (context.Request.ContentLength > MaxCsvBytes) return ApiEndpoints.Unprocessable($"the CSV is larger than {MaxCsvBytes} bytes");
                var text = await ReadLimitedAsync(context.Request.Body, MaxCsvBytes, context.RequestAborted);
                if (text is null) return ApiEndpoints.Unprocessable($"the CSV is larger than {MaxCsvBytes} bytes");
                var import = ContactCsv.Read(new StringReader(text), bodies.Contains);
                var result = await store.ImportAsync(import, HttpAuditActor.ForRequest(context), "api", context.RequestAborted);
                return Results.Ok(new
                {
                    imported = result.Imported, added = result.Added, updated = result.Updated,
                    rejected = result.Rejected.Select(r => new { line = r.Line, reason = r.Reason.ToString(), message = r.Message }),
                });
            })
            .WithSummary("Import advisory contacts from CSV (code,address,role[,charset]); each refused line with its reason")
            .RequireAuthorization(NetOpsPolicies.EditDirectory);

        directory.MapGet("/contacts.csv", async (ContactStore store, CancellationToken ct) =>
            {
                var writer = new StringWriter();
                ContactCsv.Write(writer, await store.ListAsync(ct));
                return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", "contacts.csv");
            })
            .WithSummary("Export every advisory contact as CSV (code,address,role,charset)").RequireAuthorization(NetOpsPolicies.SignedIn);
    }

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > limit) return null;
            buffer.Write(chunk, 0, n);
        }
        return new UTF8Encoding(false, false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
