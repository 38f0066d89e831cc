using System.Globalization;
using System.Text;
using MimeKit;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Resources;

namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// The mail of one advisory to one recipient (MimeKit): subject <c>[CEPTOAR][緊急] TITLE</c> (with <c>[訂正]</c> or
/// <c>[撤回]</c> for corrections and retractions) as an RFC 2047 UTF-8 encoded word, a UTF-8 text body (base64) with
/// the advisory, its TLP label, source, references and the acknowledgement link, and the stable Message-ID.
/// No header injection: the title is one line by validation, any control character left is replaced by a space,
/// and MimeKit encodes the header value.
/// </summary>
public static class AdvisoryMail
{
    /// <summary>What one mail needs beyond the advisory.</summary>
    public sealed record Recipient(string Address, string Code, string BodyName, string MessageId, string AcknowledgementUrl, DateTimeOffset LinkExpires);

    public static string Subject(AdvisoryDraft draft)
    {
        var sb = new StringBuilder("[CEPTOAR][").Append(SeverityLabel(draft.Severity)).Append(']');
        if (draft.Kind is AdvisoryKind.Correction or AdvisoryKind.Retraction) sb.Append('[').Append(KindLabel(draft.Kind)).Append(']');
        sb.Append(' ').Append(OneLine(draft.Title));
        return sb.ToString();
    }

    public static MimeMessage Build(long advisoryId, AdvisoryDraft draft, Recipient to, MailboxAddress from, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress("", to.Address));
        message.MessageId = to.MessageId;
        message.Date = date;
        // UTF-8 encoded words whatever MimeKit would pick for the text (it might choose ISO-2022-JP for Japanese).
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, Subject(draft));
        message.Headers.Add("X-CEPTOAR-Advisory", advisoryId.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("X-CEPTOAR-TLP", TlpPolicy.Label(draft.Tlp));
        var text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
        text.SetText(Encoding.UTF8, BodyText(advisoryId, draft, to));
        message.Body = text;
        return message;
    }

    public static string BodyText(long advisoryId, AdvisoryDraft draft, Recipient to)
    {
        var sb = new StringBuilder();
        sb.Append(TlpLabel(draft.Tlp)).Append("\r\n\r\n");
        sb.Append(AdvisoryMailText.Format("Recipient", to.BodyName, to.Code)).Append("\r\n");
        sb.Append(AdvisoryMailText.Format("AdvisoryNumber", advisoryId)).Append("\r\n");
        sb.Append(AdvisoryMailText.Format("KindLine", KindLabel(draft.Kind))).Append("\r\n");
        sb.Append(AdvisoryMailText.Format("SeverityLine", SeverityLabel(draft.Severity))).Append("\r\n");
        sb.Append(AdvisoryMailText.Format("SourceLine", draft.Source)).Append("\r\n");
        if (!string.IsNullOrEmpty(draft.TrackingId)) sb.Append(AdvisoryMailText.Format("TrackingLine", draft.TrackingId)).Append("\r\n");
        if (draft.Supersedes is { } original) sb.Append(AdvisoryMailText.Format("Supersedes", original, KindLabel(draft.Kind))).Append("\r\n");
        sb.Append("\r\n").Append(OneLine(draft.Title)).Append("\r\n\r\n");
        sb.Append(draft.Body.ReplaceLineEndings("\r\n").TrimEnd()).Append("\r\n");
        List("AffectedProducts", draft.AffectedProducts);
        List("RecommendedActions", draft.RecommendedActions);
        List("References", draft.References);
        sb.Append("\r\n").Append(AdvisoryMailText.Format("AckIntro", to.LinkExpires.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm 'JST'", CultureInfo.InvariantCulture))).Append("\r\n");
        sb.Append(to.AcknowledgementUrl).Append("\r\n\r\n-- \r\n");
        sb.Append(AdvisoryMailText.Get("Footer")).Append("\r\n");
        return sb.ToString();

        void List(string key, IReadOnlyList<string> items)
        {
            if (items.Count == 0) return;
            sb.Append("\r\n").Append(AdvisoryMailText.Get(key)).Append("\r\n");
            foreach (var item in items) sb.Append("- ").Append(OneLine(item)).Append("\r\n");
        }
    }

    public static string SeverityLabel(AdvisorySeverity s) => AdvisoryMailText.Get("Severity_" + s);

    public static string KindLabel(AdvisoryKind k) => AdvisoryMailText.Get("Kind_" + k);

    public static string TlpLabel(TrafficLightProtocol t) => AdvisoryMailText.Get("Tlp_" + t);

    /// <summary>Control characters (CR, LF, TAB, …) become spaces: a value can never start a new header or line.</summary>
    public static string OneLine(string value) =>
        string.Create(value.Length, value, (span, src) =>
        {
            for (int i = 0; i < src.Length; i++) span[i] = char.IsControl(src[i]) ? ' ' : src[i];
        });
}
