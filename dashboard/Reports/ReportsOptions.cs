namespace NetOps.Dashboard.Reports;

/// <summary><c>Reports:*</c>: the Japanese font the PDFs embed.</summary>
public sealed class ReportsOptions
{
    /// <summary>
    /// Where Debian puts IPA Gothic (<c>fonts-ipafont-gothic</c>), a TrueType font PDFsharp embeds. Noto Sans CJK
    /// (<c>fonts-noto-cjk</c>) ships as a collection of CFF-outline fonts, which PDFsharp 6 cannot embed.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultFontPaths =
    [
        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    ];

    /// <summary><c>Reports:FontPath</c>: a TrueType (.ttf) font with Japanese glyphs; the defaults above when unset.</summary>
    public string? FontPath { get; set; }

    /// <summary>The most incidents one export lists (<c>Reports:MaxIncidents</c>); the document says when a period holds more.</summary>
    public int MaxIncidents { get; set; } = 20_000;
}
