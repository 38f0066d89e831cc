using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using NetOps.Ceptoar.Acknowledgement;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Links;
using NetOps.Dashboard.Resources;
using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Api;

/// <summary>
/// The signed acknowledgement link of an advisory mail (DESIGN.md "Mail and signed links"): open without sign-in,
/// because municipalities are not users. <c>GET</c> only shows the advisory and a button, since mail security
/// gateways open links before people do; the button's <c>POST</c> (antiforgery-checked) records the acknowledgement once.
/// </summary>
public static class AcknowledgementEndpoints
{
    public static WebApplication MapAcknowledgements(this WebApplication app)
    {
        var ack = app.MapGroup("/ack/advisory").AllowAnonymous().ExcludeFromDescription();

        ack.MapGet("/{token}", async (string token, HttpContext context, AcknowledgementLinks links, AdvisoryStore store, BodyDirectory bodies, IAntiforgery antiforgery, IStringLocalizer<Strings> l) =>
        {
            if (!links.TryRead(token, out var id, out var address, out var rejection)) return Page(context, l, Refused(rejection, l), StatusCodes.Status404NotFound);
            var advisory = await store.FindAsync(id, context.RequestAborted);
            var recipient = await store.RecipientAsync(id, address, context.RequestAborted);
            if (advisory is null || recipient is not { } r) return Page(context, l, Refused(LinkRejection.Malformed, l), StatusCodes.Status404NotFound);
            var body = bodies.Find(r.Code)?.Name ?? r.Code;
            var e = HtmlEncoder.Default;
            var head = $"""<p class="lead" data-testid="ack-title">{e.Encode(advisory.Draft.Title)}</p>""";
            if (r.AcknowledgedAt is { } at)
                return Page(context, l, head + Alert("info", "ack-already", l["AckAlready"] + " " + l["AckAcknowledgedAt", JstTime.Absolute(at)]), StatusCodes.Status200OK);
            var tokens = antiforgery.GetAndStoreTokens(context);
            var form = $"""
                <p>{e.Encode(l["AckQuestion", body, r.Code])}</p>
                <form method="post" action="/ack/advisory/{e.Encode(token)}">
                <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? "")}" />
                <input type="hidden" name="confirm" value="1" />
                <button type="submit" class="btn btn-primary" data-testid="ack-confirm">{e.Encode(l["AckButton"])}</button>
                </form>
                """;
            return Page(context, l, head + form, StatusCodes.Status200OK);
        });

        ack.MapPost("/{token}", async (string token, [FromForm] string? confirm, HttpContext context, AcknowledgementLinks links, AdvisoryStore store, IStringLocalizer<Strings> l) =>
        {
            if (!links.TryRead(token, out var id, out var address, out var rejection)) return Page(context, l, Refused(rejection, l), StatusCodes.Status404NotFound);
            var outcome = await store.AcknowledgeAsync(id, address, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            return outcome switch
            {
                AcknowledgementOutcome.Acknowledged => Page(context, l, Alert("success", "ack-done", l["AckDone"]), StatusCodes.Status200OK),
                AcknowledgementOutcome.AlreadyAcknowledged => Page(context, l, Alert("info", "ack-already", l["AckAlready"]), StatusCodes.Status200OK),
                _ => Page(context, l, Refused(LinkRejection.Malformed, l), StatusCodes.Status404NotFound),
            };
        });
        return app;

        static string Refused(LinkRejection rejection, IStringLocalizer<Strings> l) => rejection == LinkRejection.Expired
            ? Alert("warning", "ack-expired", l["AckExpired"])
            : Alert("warning", "ack-invalid", l["AckInvalid"]);
    }

    private static string Alert(string kind, string testId, string text) =>
        $"""<div class="alert alert-{kind}" role="status" data-testid="{testId}">{HtmlEncoder.Default.Encode(text)}</div>""";

    private static IResult Page(HttpContext context, IStringLocalizer<Strings> l, string content, int status)
    {
        var lang = HtmlEncoder.Default.Encode(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var title = HtmlEncoder.Default.Encode(l["AckTitle"]);
        context.Response.Headers.CacheControl = "no-store";
        // The token is in the path: keep it out of the Referer of anything this page loads.
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Content($$"""
            <!DOCTYPE html>
            <html lang="{{lang}}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{{title}} · NetOps</title>
            <link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css" /></head>
            <body class="p-4"><main class="container" style="max-width: 40rem"><h1 class="h4 mb-3">{{title}}</h1>
            {{content}}
            </main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
