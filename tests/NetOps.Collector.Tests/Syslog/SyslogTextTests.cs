using FsCheck.Xunit;
using System.Text;
using NetOps.Collector.Syslog;

namespace NetOps.Collector.Tests.Syslog;

public sealed class SyslogTextTests
{
    private const string Japanese = "下関市 LAN2: リンクダウン (インタフェース抜き) ログイン失敗 user=管理者";

    static SyslogTextTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("shift_jis")]
    [InlineData("euc-jp")]
    [InlineData("iso-2022-jp")]
    [InlineData("utf-8")]
    public void The_device_charset_decodes_its_japanese_text(string charset)
    {
        var bytes = Encoding.GetEncoding(charset).GetBytes(Japanese);
        Assert.Equal(Japanese, SyslogText.Decode(bytes, SyslogText.ForCharset(charset)));
    }

    [Theory]
    [InlineData("shift_jis", "下関市のルータでリンクダウンを検出しました 管理者ログイン失敗")]
    [InlineData("euc-jp", "下関市のルータでリンクダウンを検出しました 管理者ログイン失敗")]
    [InlineData("iso-2022-jp", "下関市のルータでリンクダウンを検出しました 管理者ログイン失敗")]
    [InlineData("utf-8", "下関市のルータでリンクダウンを検出しました 管理者ログイン失敗")]
    [InlineData("shift_jis", "ﾘﾝｸﾀﾞｳﾝ 回線 LAN2")]
    [InlineData("euc-jp", "東京都 千代田区 認証")]
    public void Without_a_charset_the_encoding_is_detected_and_the_text_kept(string charset, string text)
    {
        var bytes = Encoding.GetEncoding(charset).GetBytes(text);
        Assert.Equal(text, SyslogText.Decode(bytes));
    }

    [Fact]
    public void Plain_ascii_and_utf8_stay_utf8()
    {
        Assert.Same(Encoding.UTF8, SyslogText.Detect("%LINK-3-UPDOWN: Interface Gi0/0"u8));
        Assert.Same(Encoding.UTF8, SyslogText.Detect(Encoding.UTF8.GetBytes(Japanese)));
    }

    [Fact]
    public void Bytes_valid_in_no_encoding_still_decode_without_throwing()
        => Assert.Contains('\uFFFD', SyslogText.Decode([0x41, 0xFF, 0xFE, 0x80, 0x42]));

    [Property(MaxTest = 2_000)]
    public void Any_bytes_decode_without_throwing(byte[] data) => SyslogText.Decode(data);

    [Fact]
    public void Unknown_charset_names_mean_detection() => Assert.Null(SyslogText.ForCharset("klingon"));
}
