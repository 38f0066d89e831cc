using System.Globalization;
using System.Text;
using MimeKit;
using NetOps.Alerting.Resources;

namespace NetOps.Alerting.Mail;

/// <summary>What a page is: the first page or an escalation step, a change in the group, or the end of it.</summary>
public enum PageKind { Page, Update, Resolved }

/// <summary>One alert as a page lists it.</summary>
public sealed record PagedAlert(
    long Id, string Kind, string Severity, string Site, string? SiteName, string? Prefecture, string? Line, string? Devices,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string Summary, string? Evidence, string? SuppressedBy,
    string DashboardUrl, string? AckUrl);

/// <summary>Where the page sits in its escalation: level (1-based), round (1-based) and the previous level's wait.</summary>
public sealed record EscalationPosition(int Level, int Round, double PreviousWaitMinutes);

/// <summary>
/// The Japanese subject and body of a page (<c>AlertMail.resx</c>): what, where (municipality name and code, line,
/// devices), since when (JST), the evidence, the acknowledgement link and a link to the alert on the dashboard.
/// Composed once when the page is decided and stored with it, so a retry sends the same mail.
/// </summary>
public static class AlertMail
{
    private static readonly TimeZoneInfo Jst = TimeZones.Find("Asia/Tokyo") ?? TimeZoneInfo.Utc;

    public static (string Subject, string Body) Compose(PageKind kind, string recipientName, string groupLabel, IReadOnlyList<PagedAlert> alerts,
        int totalAlerts, EscalationPosition? escalation, string alertsUrl, DateTimeOffset? linkExpires, int maxListed)
    {
        var lead = alerts.Count > 0 ? alerts[0] : null;
        var what = lead is null ? groupLabel : $"{KindLabel(lead.Kind)} {lead.SiteName ?? lead.Site}";
        var severity = SeverityLabel(alerts.Select(a => a.Severity).OrderBy(SeverityRank).FirstOrDefault() ?? "warning");
        var subject = kind switch
        {
            PageKind.Resolved when totalAlerts > 1 => AlertMailText.Format("SubjectResolvedMany", what, totalAlerts - 1),
            PageKind.Resolved => AlertMailText.Format("SubjectResolved", what),
            PageKind.Update => AlertMailText.Format("SubjectUpdate", severity, what),
            _ when escalation is { Level: > 1 } or { Round: > 1 } => totalAlerts > 1
                ? AlertMailText.Format("SubjectEscalationMany", severity, escalation.Level, what, totalAlerts - 1)
                : AlertMailText.Format("SubjectEscalation", severity, escalation.Level, what),
            _ when totalAlerts > 1 => AlertMailText.Format("SubjectFiringMany", severity, what, totalAlerts - 1),
            _ => AlertMailText.Format("SubjectFiring", severity, what),
        };

        var sb = new StringBuilder();
        sb.Append(AlertMailText.Format("Intro", OneLine(recipientName))).Append("\r\n\r\n");
        sb.Append(kind switch
        {
            PageKind.Resolved => AlertMailText.Get("IntroResolved"),
            PageKind.Update => AlertMailText.Get("IntroUpdate"),
            _ => AlertMailText.Get("IntroPage"),
        }).Append("\r\n");
        if (kind == PageKind.Page && escalation is { } e && (e.Level > 1 || e.Round > 1))
            sb.Append(AlertMailText.Format("IntroEscalation", e.PreviousWaitMinutes, e.Level, e.Round)).Append("\r\n");
        sb.Append(AlertMailText.Format("GroupLine", OneLine(groupLabel), totalAlerts)).Append("\r\n\r\n");

        foreach (var a in alerts.Take(maxListed))
        {
            sb.Append(AlertMailText.Format("AlertHeader", SeverityLabel(a.Severity), KindLabel(a.Kind)));
            if (a.SuppressedBy is { } by) sb.Append(' ').Append(AlertMailText.Format("Suppressed", by));
            sb.Append("\r\n");
            sb.Append(AlertMailText.Format("Where", OneLine(a.SiteName ?? a.Site), a.Site)).Append("\r\n");
            if (a.Prefecture is { Length: > 0 } p) sb.Append(AlertMailText.Format("Prefecture", p)).Append("\r\n");
            if (a.Line is { Length: > 0 } line) sb.Append(AlertMailText.Format("Line", AlertMailText.GetOr("LineName_" + line, line))).Append("\r\n");
            if (a.Devices is { Length: > 0 } devices) sb.Append(AlertMailText.Format("Devices", OneLine(devices))).Append("\r\n");
            sb.Append(AlertMailText.Format("Since", Local(a.StartsAt))).Append("\r\n");
            if (a.EndsAt is { } ended) sb.Append(AlertMailText.Format("ResolvedAt", Local(ended))).Append("\r\n");
            sb.Append(AlertMailText.Format("Summary", OneLine(a.Summary))).Append("\r\n");
            if (a.Evidence is { Length: > 0 } evidence)
            {
                sb.Append(AlertMailText.Get("Evidence")).Append("\r\n");
                foreach (var l in evidence.Split('\n').Take(5)) sb.Append("  ").Append(OneLine(l)).Append("\r\n");
            }
            if (a.AckUrl is { } ack) sb.Append(AlertMailText.Format("AckLink", ack)).Append("\r\n");
            sb.Append(AlertMailText.Format("DashboardLink", a.DashboardUrl)).Append("\r\n\r\n");
        }
        if (totalAlerts > Math.Min(maxListed, alerts.Count)) sb.Append(AlertMailText.Format("More", totalAlerts - Math.Min(maxListed, alerts.Count), alertsUrl)).Append("\r\n\r\n");
        if (linkExpires is { } expires && kind != PageKind.Resolved) sb.Append(AlertMailText.Format("LinkExpires", Local(expires))).Append("\r\n");
        sb.Append("-- \r\n").Append(AlertMailText.Get("Footer")).Append("\r\n");
        return (OneLine(subject), sb.ToString());
    }

    /// <summary>The mail for a stored page. UTF-8 everywhere; the subject is one line whatever a label held (no header injection).</summary>
    public static MimeMessage Build(string subject, string body, MailboxAddress from, string to, string messageId, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress("", to));
        message.MessageId = messageId;
        message.Date = date;
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, OneLine(subject));
        message.Headers.Add("X-NetOps-Page", "alert");
        var text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
        text.SetText(Encoding.UTF8, body);
        message.Body = text;
        return message;
    }

    public static string KindLabel(string kind) => AlertMailText.GetOr("Kind_" + kind, kind);

    public static string SeverityLabel(string severity) => AlertMailText.GetOr("Severity_" + severity, severity);

    private static int SeverityRank(string s) => s switch { "critical" => 0, "warning" => 1, "info" => 2, _ => 1 };

    /// <summary>JST, as people in the NOC read a clock.</summary>
    public static string Local(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, Jst).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (JST)";

    /// <summary>Line breaks and other control characters become spaces: a label cannot start a new header or a fake line.</summary>
    public static string OneLine(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(char.IsControl(c) ? ' ' : c);
        var t = sb.ToString().Trim();
        return t.Length > 300 ? t[..300] : t;
    }
}
