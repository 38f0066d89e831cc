using MimeKit;
using NetOps.Alerting.Mail;

namespace NetOps.Alerting.Tests.Mail;

public sealed class AlertMailTests
{
    private static PagedAlert Alert(long id, string site, string? name, string summary, string severity = "warning", string kind = "port_scan") =>
        new(id, kind, severity, site, name, "13", "primary", "rt1", new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), null, summary,
            "2026-12-03T00:00:00Z event/link_down rt1 down", null, $"https://noc.example/alerts/{id}", $"https://noc.example/ack/alert/t{id}");

    [Fact]
    public void A_page_says_what_where_since_when_with_the_evidence_and_both_links_in_Japanese()
    {
        var (subject, body) = AlertMail.Compose(PageKind.Page, "佐藤", "prefecture=13", [Alert(1, "131016", "千代田区", "1,024 ports")], 1, null,
            "https://noc.example/alerts", DateTimeOffset.Parse("2026-12-06T00:00:00Z"), 20);
        Assert.Equal("[NetOps][警告] ポートスキャン 千代田区", subject);
        Assert.Contains("佐藤 様", body, StringComparison.Ordinal);
        Assert.Contains("場所: 千代田区（団体コード 131016）", body, StringComparison.Ordinal);
        Assert.Contains("回線: 主回線", body, StringComparison.Ordinal);
        Assert.Contains("発生: 2026-12-03 09:00:00 (JST)", body, StringComparison.Ordinal);
        Assert.Contains("event/link_down rt1 down", body, StringComparison.Ordinal);
        Assert.Contains("確認（アクノレッジ）: https://noc.example/ack/alert/t1", body, StringComparison.Ordinal);
        Assert.Contains("ダッシュボード: https://noc.example/alerts/1", body, StringComparison.Ordinal);
        Assert.Contains("確認リンクの有効期限: 2026-12-06 09:00:00 (JST)", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_group_is_one_digest_that_lists_the_first_and_counts_the_rest()
    {
        var alerts = Enumerable.Range(1, 30).Select(i => Alert(i, $"1310{i:00}", $"区{i}", "scan")).ToList();
        var (subject, body) = AlertMail.Compose(PageKind.Page, "佐藤", "prefecture=13", alerts, 30, new EscalationPosition(2, 1, 10), "https://noc.example/alerts", null, 20);
        Assert.Equal("[NetOps][警告][エスカレーション レベル2] ポートスキャン 区1 ほか29件", subject);
        Assert.Contains("前の担当者が 10 分以内に確認しなかったため、レベル2としてお知らせします（1巡目）。", body, StringComparison.Ordinal);
        Assert.Equal(20, body.Split("■ ").Length - 1);
        Assert.Contains("ほか 10 件のアラートはダッシュボードで確認してください: https://noc.example/alerts", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_line_breaks_cannot_add_a_header_or_a_line()
    {
        var evil = "千代田区\r\nBcc: everyone@example.jp\r\n\r\nfake body";
        var (subject, body) = AlertMail.Compose(PageKind.Page, "x\r\nBcc: a@b", "g", [Alert(1, "131016", evil, "s\nX-Injected: 1")], 1, null, "u", null, 20);
        Assert.DoesNotContain('\n', subject);
        Assert.DoesNotContain('\r', subject);
        var message = AlertMail.Build(subject, body, new MailboxAddress("NetOps", "netops@example.jp"), "oncall@example.jp", "page-1@netops", DateTimeOffset.UnixEpoch);
        using var stream = new MemoryStream();
        message.WriteTo(stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var parsed = MimeMessage.Load(stream, TestContext.Current.CancellationToken);
        Assert.Empty(parsed.Bcc);
        Assert.Null(parsed.Headers["X-Injected"]);
        Assert.Single(parsed.To.Mailboxes);
        Assert.Contains("Bcc: everyone@example.jp", parsed.Subject, StringComparison.Ordinal); // kept as text, on one line
        Assert.DoesNotContain("\nX-Injected", parsed.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_subject_is_utf8_encoded_words_and_decodes_back()
    {
        var message = AlertMail.Build("[NetOps][重大] 通信断 下関市", "本文", new MailboxAddress("", "n@example.jp"), "o@example.jp", "page-2@netops", DateTimeOffset.UnixEpoch);
        using var stream = new MemoryStream();
        message.WriteTo(stream, TestContext.Current.CancellationToken);
        var raw = System.Text.Encoding.ASCII.GetString(stream.ToArray());
        Assert.Contains("=?utf-8?", raw, StringComparison.OrdinalIgnoreCase);
        stream.Position = 0;
        Assert.Equal("[NetOps][重大] 通信断 下関市", MimeMessage.Load(stream, TestContext.Current.CancellationToken).Subject);
    }
}
