using System.Text;
using MimeKit;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;

namespace NetOps.Ceptoar.Tests.Delivery;

public sealed class AdvisoryMailTests
{
    private static readonly AdvisoryMail.Recipient To = new("ciso@city.shimonoseki.example.jp", "352012", "下関市",
        MessageIds.For(7, "ciso@city.shimonoseki.example.jp"), "https://netops.example.lg.jp/ack/advisory/TOKEN", new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));

    private static AdvisoryDraft Draft(string title, AdvisoryKind kind = AdvisoryKind.Advisory) => new(title, "VPN 装置の脆弱性が悪用されています。\n直ちに更新してください。",
        AdvisorySeverity.Urgent, TrafficLightProtocol.Amber, "NISC", ["CVE-2026-0001", "JVNVU#12345678"], ["Example VPN 9.1"], ["9.2 に更新する"], kind,
        Supersedes: kind == AdvisoryKind.Correction ? 3 : null);

    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        return MimeMessage.Load(stream, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_subject_carries_the_Japanese_severity_and_is_encoded_as_UTF_8_encoded_words()
    {
        var message = AdvisoryMail.Build(7, Draft("VPN 装置の脆弱性（緊急）"), To, new MailboxAddress("", "ceptoar@netops.example.lg.jp"), DateTimeOffset.UnixEpoch);
        using var stream = new MemoryStream();
        message.WriteTo(stream, TestContext.Current.CancellationToken);
        var raw = Encoding.ASCII.GetString(stream.ToArray());
        var lines = raw.Replace("\r", "", StringComparison.Ordinal).Split('\n').SkipWhile(l => !l.StartsWith("Subject:", StringComparison.Ordinal)).ToList();
        var subject = lines[0] + string.Concat(lines.Skip(1).TakeWhile(l => l.StartsWith(' ') || l.StartsWith('\t')));
        Assert.Contains("=?utf-8?", subject, StringComparison.OrdinalIgnoreCase);
        Assert.True(stream.ToArray().All(b => b < 0x80), "the whole message is 7-bit: headers encoded, body base64");
        var back = RoundTrip(message);
        Assert.Equal("[CEPTOAR][緊急] VPN 装置の脆弱性（緊急）", back.Subject);
        Assert.Equal(MessageIds.For(7, To.Address), back.MessageId);
        var text = back.TextBody;
        Assert.Contains("TLP:AMBER", text, StringComparison.Ordinal);
        Assert.Contains("下関市（352012）", text, StringComparison.Ordinal);
        Assert.Contains("CVE-2026-0001", text, StringComparison.Ordinal);
        Assert.Contains("発信元: NISC", text, StringComparison.Ordinal);
        Assert.Contains(To.AcknowledgementUrl, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title\r\nBcc: victim@example.com")]
    [InlineData("title\nBcc: victim@example.com")]
    [InlineData("title\rBcc: victim@example.com")]
    [InlineData("title\r\n\r\nfake body")]
    public void A_title_with_line_breaks_cannot_add_a_header(string title)
    {
        var back = RoundTrip(AdvisoryMail.Build(7, Draft(title), To, new MailboxAddress("", "ceptoar@netops.example.lg.jp"), DateTimeOffset.UnixEpoch));
        Assert.Empty(back.Bcc);
        Assert.False(back.Headers.Contains("Bcc"));
        Assert.Single(back.To.Mailboxes);
        Assert.StartsWith("[CEPTOAR][緊急] title ", back.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", back.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_correction_says_so_in_the_subject_and_names_the_original()
    {
        var back = RoundTrip(AdvisoryMail.Build(8, Draft("VPN 装置の脆弱性", AdvisoryKind.Correction), To, new MailboxAddress("", "c@netops.example.lg.jp"), DateTimeOffset.UnixEpoch));
        Assert.Equal("[CEPTOAR][緊急][訂正] VPN 装置の脆弱性", back.Subject);
        Assert.Contains("第3号を訂正", back.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Message_ID_is_the_same_for_the_same_advisory_and_recipient_whatever_the_case_and_differs_otherwise()
    {
        Assert.Equal(MessageIds.For(7, "A@B.example.jp"), MessageIds.For(7, "a@b.example.jp"));
        Assert.NotEqual(MessageIds.For(7, "a@b.example.jp"), MessageIds.For(8, "a@b.example.jp"));
        Assert.NotEqual(MessageIds.For(7, "a@b.example.jp"), MessageIds.For(7, "c@b.example.jp"));
        Assert.Matches("^advisory-7\\.[0-9a-f]{32}@netops$", MessageIds.For(7, "a@b.example.jp"));
    }
}
