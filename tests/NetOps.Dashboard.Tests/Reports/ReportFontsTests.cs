using NetOps.Dashboard.Reports;

namespace NetOps.Dashboard.Tests.Reports;

public sealed class ReportFontsTests
{
    [Theory]
    [InlineData("ttcf", "a font collection (.ttc)")]
    [InlineData("OTTO", "an OpenType font with CFF outlines")]
    [InlineData("\0\u0001\0\0", null)] // TrueType
    public void Fonts_PDFsharp_cannot_embed_are_refused_by_their_first_bytes(string head, string? expected) =>
        Assert.Equal(expected, ReportFonts.NotTrueType(System.Text.Encoding.Latin1.GetBytes(head)));

    [Fact]
    public void A_missing_font_file_is_named()
    {
        Assert.Equal("no such file", ReportFonts.Check("/nonexistent/ipag.ttf"));
        if (File.Exists("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
            Assert.Equal("a font collection (.ttc)", ReportFonts.Check("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"));
    }
}
