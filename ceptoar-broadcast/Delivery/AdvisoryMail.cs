using System.Globalization;
using System.Text;
using MimeKit;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Directory;
using NetOps.Ceptoar.Resources;

namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// The mail of one advisory to one recipient (MimeKit): subject <c>[CEPTOAR][緊急] TITLE</c> (with <c>[訂正]</c> or
/// <c>[撤回]</c> for corrections and retractions, and <c>【再送・確認のお願い】</c> before it for a reminder) as RFC 2047
/// encoded words, a text body with the advisory, its TLP label, source, references and the acknowledgement link, and
/// the stable Message-ID. The recipient's charset decides the encoding: UTF-8 (base64), or ISO-2022-JP for older
/// clients (encoded words in ISO-2022-JP, body <c>text/plain; charset=iso-2022-jp</c>, 7bit, lines folded under
/// RFC 5322's limit). When ISO-2022-JP cannot carry every character of the mail (an emoji, a JIS X 0213 kanji,
/// half-width katakana) the whole mail goes in UTF-8 instead and <see cref="Composed.Fallback"/> says why, for the
/// delivery log: a signed advisory is never sent with characters substituted.
/// No header injection: the title is one line by validation, any control character left is replaced by a space,
/// and MimeKit encodes the header value.
/// </summary>
public static class AdvisoryMail
{
    /// <summary>
    /// What one mail needs beyond the advisory: <paramref name="Charset"/> is the contact's (<see cref="ContactCharsets"/>),
    /// <paramref name="Reminder"/> the reminder round (0 for the advisory itself).
    /// </summary>
    public sealed record Recipient(string Address, string Code, string BodyName, string MessageId, string AcknowledgementUrl, DateTimeOffset LinkExpires,
        string Charset = ContactCharsets.Utf8, int Reminder = 0);

    /// <summary>A built mail, the charset it is written in, and why it is not in the recipient's charset (null when it is).</summary>
    public sealed record Composed(MimeMessage Message, string Charset, string? Fallback);

    public static string Subject(AdvisoryDraft draft, int reminder = 0)
    {
        var sb = new StringBuilder();
        if (reminder > 0) sb.Append(AdvisoryMailText.Get("ReminderSubjectPrefix"));
        sb.Append("[CEPTOAR][").Append(SeverityLabel(draft.Severity)).Append(']');
        if (draft.Kind is AdvisoryKind.Correction or AdvisoryKind.Retraction) sb.Append('[').Append(KindLabel(draft.Kind)).Append(']');
        sb.Append(' ').Append(OneLine(draft.Title));
        return sb.ToString();
    }

    public static MimeMessage Build(long advisoryId, AdvisoryDraft draft, Recipient to, MailboxAddress from, DateTimeOffset date) =>
        Compose(advisoryId, draft, to, from, date).Message;

    public static Composed Compose(long advisoryId, AdvisoryDraft draft, Recipient to, MailboxAddress from, DateTimeOffset date)
    {
        var subject = Subject(draft, to.Reminder);
        var body = BodyText(advisoryId, draft, to);
        string? fallback = null;
        bool iso = to.Charset == ContactCharsets.Iso2022Jp;
        if (iso && (Iso2022Jp.FirstUncarried(subject + "\r\n" + from.Name + "\r\n" + body) is { } uncarried))
        {
            fallback = $"ISO-2022-JP cannot carry {uncarried}; sent in UTF-8";
            iso = false;
        }
        var encoding = iso ? Iso2022Jp.Encoding : Encoding.UTF8;
        var message = new MimeMessage();
        // The sender's display name (Smtp:From) in the mail's charset too; the recipient has none.
        message.From.Add(string.IsNullOrEmpty(from.Name) ? from : new MailboxAddress(encoding, from.Name, from.Address));
        message.To.Add(new MailboxAddress("", to.Address));
        message.MessageId = to.MessageId;
        message.Date = date;
        // Encoded words in the mail's charset, whatever MimeKit would pick for the text.
        message.Headers.Replace(HeaderId.Subject, encoding, subject);
        message.Headers.Add("X-CEPTOAR-Advisory", advisoryId.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add("X-CEPTOAR-TLP", TlpPolicy.Label(draft.Tlp));
        if (to.Reminder > 0) message.Headers.Add("X-CEPTOAR-Reminder", to.Reminder.ToString(CultureInfo.InvariantCulture));
        TextPart text;
        if (iso)
        {
            // RFC 1468: 7bit, as Japanese mail has always been; the signer keeps it so (lines are under 998 bytes).
            text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.SevenBit };
            text.SetText(encoding, Iso2022Jp.FoldLongLines(body));
        }
        else
        {
            text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
            text.SetText(Encoding.UTF8, body);
        }
        message.Body = text;
        return new Composed(message, iso ? ContactCharsets.Iso2022Jp : ContactCharsets.Utf8, fallback);
    }

    public static string BodyText(long advisoryId, AdvisoryDraft draft, Recipient to)
    {
        var sb = new StringBuilder();
        sb.Append(TlpLabel(draft.Tlp)).Append("\r\n\r\n");
        if (to.Reminder > 0) sb.Append(AdvisoryMailText.Format("ReminderIntro", advisoryId, to.Reminder)).Append("\r\n\r\n");
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
