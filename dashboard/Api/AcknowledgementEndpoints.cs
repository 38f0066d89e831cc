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
        MapAlertAcknowledgements(app);
        return app;

        static string Refused(LinkRejection rejection, IStringLocalizer<Strings> l) => rejection == LinkRejection.Expired
            ? Alert("warning", "ack-expired", l["AckExpired"])
            : Alert("warning", "ack-invalid", l["AckInvalid"]);
    }

    /// <summary>
    /// The acknowledgement link of a page (<c>/ack/alert/{token}</c>, token bound to one alert and the person paged):
    /// <c>GET</c> shows the alert and a button; the <c>POST</c> acknowledges every firing alert of its group as that
    /// person (audited, source <c>mail-link</c>), which stops the group's escalation.
    /// </summary>
    private static void MapAlertAcknowledgements(WebApplication app)
    {
        var ack = app.MapGroup("/ack/alert").AllowAnonymous().ExcludeFromDescription();

        ack.MapGet("/{token}", async (string token, HttpContext context, SignedLinks links, NetOps.Alerting.Store.AlertStore store, IAntiforgery antiforgery, IStringLocalizer<Strings> l) =>
        {
            if (!TryReadAlertLink(links, token, out var id, out var user, out var rejection)) return AlertPage(context, l, AlertRefused(rejection, l), StatusCodes.Status404NotFound);
            var alert = await store.FindAsync(id, context.RequestAborted);
            if (alert is null) return AlertPage(context, l, AlertRefused(LinkRejection.Malformed, l), StatusCodes.Status404NotFound);
            var e = HtmlEncoder.Default;
            var what = $"{NetOps.Alerting.Mail.AlertMail.KindLabel(alert.Kind)} · {alert.Annotations.GetValueOrDefault("siteName") ?? alert.Site} ({alert.Site})";
            var head = $"""<p class="lead" data-testid="alert-ack-title">{e.Encode(what)}</p><p class="small text-body-secondary">{e.Encode(alert.Annotations.GetValueOrDefault("summary") ?? "")}</p>""";
            if (alert.State == "resolved")
                return AlertPage(context, l, head + Alert("info", "alert-ack-resolved", l["AlertAckResolved"]), StatusCodes.Status200OK);
            if (alert.AcknowledgedBy is { } by && alert.State == "acknowledged")
                return AlertPage(context, l, head + Alert("info", "alert-ack-already", l["AlertAckAlready", by]), StatusCodes.Status200OK);
            var tokens = antiforgery.GetAndStoreTokens(context);
            var form = $"""
                <p>{e.Encode(l["AlertAckQuestion", user])}</p>
                <form method="post" action="/ack/alert/{e.Encode(token)}">
                <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? "")}" />
                <input type="hidden" name="confirm" value="1" />
                <button type="submit" class="btn btn-primary" data-testid="alert-ack-confirm">{e.Encode(l["AlertAckButton"])}</button>
                </form>
                """;
            return AlertPage(context, l, head + form, StatusCodes.Status200OK);
        });

        ack.MapPost("/{token}", async (string token, [FromForm] string? confirm, HttpContext context, SignedLinks links, NetOps.Alerting.Store.AlertStore store, IStringLocalizer<Strings> l) =>
        {
            if (!TryReadAlertLink(links, token, out var id, out var user, out var rejection)) return AlertPage(context, l, AlertRefused(rejection, l), StatusCodes.Status404NotFound);
            var actor = new NetOps.Core.Audit.AuditActor(user, $"mail-link {context.Connection.RemoteIpAddress}");
            var result = await store.AcknowledgeAsync(id, actor, wholeGroup: true, context.RequestAborted);
            return result.Outcome switch
            {
                NetOps.Alerting.Store.AlertActionOutcome.Done => AlertPage(context, l, Alert("success", "alert-ack-done", l["AlertAckDone", result.Count]), StatusCodes.Status200OK),
                NetOps.Alerting.Store.AlertActionOutcome.Refused => AlertPage(context, l, Alert("info", "alert-ack-already", result.Reason ?? ""), StatusCodes.Status200OK),
                _ => AlertPage(context, l, AlertRefused(LinkRejection.Malformed, l), StatusCodes.Status404NotFound),
            };
        });

        static string AlertRefused(LinkRejection rejection, IStringLocalizer<Strings> l) => rejection == LinkRejection.Expired
            ? Alert("warning", "ack-expired", l["AlertAckExpired"])
            : Alert("warning", "ack-invalid", l["AlertAckInvalid"]);
    }

    private static bool TryReadAlertLink(SignedLinks links, string token, out long id, out string user, out LinkRejection rejection)
    {
        id = 0;
        user = "";
        if (!links.TryVerify(token, NetOps.Alerting.Engine.AlertingEngine.AckPurpose, out var claims, out rejection)) return false;
        if (claims.Count != 2 || !long.TryParse(claims[0], NumberStyles.None, CultureInfo.InvariantCulture, out id) || claims[1].Length == 0)
        {
            rejection = LinkRejection.Malformed;
            return false;
        }
        user = claims[1];
        return true;
    }

    private static IResult AlertPage(HttpContext context, IStringLocalizer<Strings> l, string content, int status) =>
        Page(context, l, content, status, l["AlertAckTitle"]);

    private static string Alert(string kind, string testId, string text) =>
        $"""<div class="alert alert-{kind}" role="status" data-testid="{testId}">{HtmlEncoder.Default.Encode(text)}</div>""";

    private static IResult Page(HttpContext context, IStringLocalizer<Strings> l, string content, int status, string? heading = null)
    {
        var lang = HtmlEncoder.Default.Encode(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var title = HtmlEncoder.Default.Encode(heading ?? l["AckTitle"]);
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
