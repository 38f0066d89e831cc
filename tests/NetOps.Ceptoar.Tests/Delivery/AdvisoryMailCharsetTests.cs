using System.Text;
using MimeKit;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;

namespace NetOps.Ceptoar.Tests.Delivery;

/// <summary>The recipient's charset: UTF-8 or ISO-2022-JP (RFC 1468) for older clients, and UTF-8 when ISO-2022-JP cannot carry the mail.</summary>
public sealed class AdvisoryMailCharsetTests
{
    internal const string JapaneseTitle = "VPN 装置の脆弱性（緊急）― 直ちに更新を";
    internal const string JapaneseBody = "VPN 装置の脆弱性が悪用されています。\n下関市・長門市の各課は、直ちに更新してください。\n参考: https://www.jpcert.or.jp/";

    private static readonly MailboxAddress From = new("", "ceptoar@netops.example.lg.jp");

    internal static AdvisoryMail.Recipient To(string charset, int reminder = 0) => new("ciso@city.shimonoseki.example.jp", "352012", "下関市",
        MessageIds.For(7, "ciso@city.shimonoseki.example.jp"), "https://netops.example.lg.jp/ack/advisory/" + new string('T', 140),
        new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), charset, reminder);

    internal static AdvisoryDraft Draft(string title = JapaneseTitle, string body = JapaneseBody) => new(title, body,
        AdvisorySeverity.Urgent, TrafficLightProtocol.Amber, "NISC", ["CVE-2026-0001"], ["Example VPN 9.1"], ["9.2 に更新する"]);

    private static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static MimeMessage Parse(byte[] raw) => MimeMessage.Load(new MemoryStream(raw), TestContext.Current.CancellationToken);

    private static string RawSubject(byte[] raw)
    {
        var lines = Encoding.ASCII.GetString(raw).Split("\r\n").SkipWhile(l => !l.StartsWith("Subject:", StringComparison.Ordinal)).ToList();
        return lines[0] + string.Concat(lines.Skip(1).TakeWhile(l => l.StartsWith(' ') || l.StartsWith('\t')));
    }

    internal static bool HasJisEscape(byte[] raw) => raw.AsSpan().IndexOf("\u001b$B"u8) >= 0;

    [Theory]
    [InlineData(ContactCharsets.Utf8)]
    [InlineData(ContactCharsets.Iso2022Jp)]
    public void The_Japanese_title_and_body_survive_the_round_trip_in_the_recipients_charset(string charset)
    {
        var composed = AdvisoryMail.Compose(7, Draft(), To(charset), From, DateTimeOffset.UnixEpoch);
        Assert.Equal(charset, composed.Charset);
        Assert.Null(composed.Fallback);
        var raw = Raw(composed.Message);
        Assert.True(raw.All(b => b < 0x80), "the whole message is 7-bit");
        var back = Parse(raw);
        Assert.Equal("[CEPTOAR][緊急] " + JapaneseTitle, back.Subject);
        var part = Assert.IsType<TextPart>(back.Body);
        Assert.Equal(charset, part.ContentType.Charset, ignoreCase: true);
        Assert.Equal(AdvisoryMail.BodyText(7, Draft(), To(charset)).ReplaceLineEndings("\n"), part.Text.ReplaceLineEndings("\n"));
        Assert.Contains("下関市・長門市の各課は、直ちに更新してください。", part.Text, StringComparison.Ordinal);
        if (charset == ContactCharsets.Iso2022Jp)
        {
            Assert.Contains("=?iso-2022-jp?", RawSubject(raw), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(ContentEncoding.SevenBit, part.ContentTransferEncoding);
            Assert.True(HasJisEscape(raw), "JIS X 0208 is switched to with ESC $ B");
            Assert.DoesNotContain("=?utf-8?", Encoding.ASCII.GetString(raw), StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Contains("=?utf-8?", RawSubject(raw), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(ContentEncoding.Base64, part.ContentTransferEncoding);
            Assert.False(HasJisEscape(raw));
        }
    }

    [Theory]
    [InlineData("脆弱性 🔥 緊急", "U+1F525")]
    [InlineData("𠮷野家の端末", "U+20BB7")]
    [InlineData("ﾃｽﾄ 半角カナ", "U+FF83")]
    public void A_mail_ISO_2022_JP_cannot_carry_goes_in_UTF_8_and_says_which_character(string title, string character)
    {
        var composed = AdvisoryMail.Compose(7, Draft(title), To(ContactCharsets.Iso2022Jp), From, DateTimeOffset.UnixEpoch);
        Assert.Equal(ContactCharsets.Utf8, composed.Charset);
        Assert.Contains(character, composed.Fallback, StringComparison.Ordinal);
        var back = Parse(Raw(composed.Message));
        Assert.Equal("[CEPTOAR][緊急] " + title, back.Subject);
        Assert.Equal("utf-8", back.Body!.ContentType.Charset, ignoreCase: true);
    }

    [Theory]
    [InlineData("title\r\nBcc: victim@example.com")]
    [InlineData("件名\nBcc: victim@example.com")]
    [InlineData("件名\r\n\r\n偽の本文")]
    public void A_title_with_line_breaks_cannot_add_a_header_in_ISO_2022_JP_either(string title)
    {
        var back = Parse(Raw(AdvisoryMail.Build(7, Draft(title), To(ContactCharsets.Iso2022Jp), From, DateTimeOffset.UnixEpoch)));
        Assert.False(back.Headers.Contains("Bcc"));
        Assert.Single(back.To.Mailboxes);
        Assert.DoesNotContain("\n", back.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[CEPTOAR][緊急] ", back.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Japanese_sender_name_is_encoded_in_the_mails_charset()
    {
        var from = new MailboxAddress("LGWAN CEPTOAR 事務局", "ceptoar@netops.example.lg.jp");
        var raw = Raw(AdvisoryMail.Build(7, Draft(), To(ContactCharsets.Iso2022Jp), from, DateTimeOffset.UnixEpoch));
        var back = Parse(raw);
        Assert.Equal("LGWAN CEPTOAR 事務局", back.From.Mailboxes.Single().Name);
        var fromLine = Encoding.ASCII.GetString(raw).Split("\r\n").First(l => l.StartsWith("From:", StringComparison.Ordinal));
        Assert.Contains("=?iso-2022-jp?", fromLine, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_body_line_too_long_for_7bit_is_folded_under_998_bytes_and_keeps_every_character()
    {
        var paragraph = string.Concat(Enumerable.Repeat("脆弱性が悪用されています。", 120));
        var composed = AdvisoryMail.Compose(7, Draft(body: paragraph), To(ContactCharsets.Iso2022Jp), From, DateTimeOffset.UnixEpoch);
        var raw = Raw(composed.Message);
        Assert.All(Encoding.ASCII.GetString(raw).Split("\r\n"), l => Assert.True(l.Length <= 998, $"a line of {l.Length} bytes"));
        var part = Assert.IsType<TextPart>(Parse(raw).Body);
        Assert.Equal(ContentEncoding.SevenBit, part.ContentTransferEncoding);
        Assert.Contains(paragraph, part.Text.ReplaceLineEndings(""), StringComparison.Ordinal);
    }

    [Fact]
    public void Iso2022Jp_tells_what_it_carries()
    {
        Assert.Null(Iso2022Jp.FirstUncarried("CEPTOAR 第7号 ＶＰＮ装置「緊急」"));
        Assert.Equal("U+1F600", Iso2022Jp.FirstUncarried("a😀"));
    }
}
