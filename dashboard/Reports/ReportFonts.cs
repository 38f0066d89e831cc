using PdfSharp.Fonts;

namespace NetOps.Dashboard.Reports;

/// <summary>
/// PDFsharp 6 finds fonts only through a font resolver, and only one per process (<see cref="GlobalFontSettings"/>
/// is static and cannot change once a font is used). Every family resolves to the one Japanese TrueType font,
/// loaded from the first path that exists; bold is simulated.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "NetOps Japanese";
    private const string Face = "netops-japanese";

    private static readonly Lock Gate = new();
    private readonly byte[] _font;

    private ReportFonts(string path, byte[] font)
    {
        Path = path;
        _font = font;
    }

    /// <summary>The file the PDFs embed.</summary>
    public string Path { get; }

    /// <summary>
    /// Makes the font resolver of this process from <paramref name="configured"/> (<c>Reports:FontPath</c>) or the
    /// Debian defaults. Throws, naming the key and the paths tried, when there is none: a PDF without its Japanese
    /// font would print empty boxes.
    /// </summary>
    public static ReportFonts Install(string? configured)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is ReportFonts installed) return installed;
            var tried = string.IsNullOrWhiteSpace(configured) ? ReportsOptions.DefaultFontPaths : [configured];
            var path = tried.FirstOrDefault(File.Exists) ?? throw new ReportFontMissingException(
                $"Reports:FontPath: no Japanese TrueType font at {string.Join(" or ", tried)}; install fonts-ipafont-gothic (./netops ensure_deps run) or set Reports:FontPath to a .ttf file");
            var bytes = File.ReadAllBytes(path);
            if (NotTrueType(bytes) is { } kind)
                throw new ReportFontMissingException($"Reports:FontPath: {path} is {kind}; PDFsharp embeds only TrueType outlines, give a .ttf such as {ReportsOptions.DefaultFontPaths[0]}");
            var fonts = new ReportFonts(path, bytes);
            GlobalFontSettings.FontResolver = fonts;
            return fonts;
        }
    }

    /// <summary>
    /// What a font file is when PDFsharp cannot embed it: PDFsharp 6.2.4 fails with a NullReferenceException on Noto
    /// Sans CJK's .ttc (a collection of CFF-outline fonts), so both are refused here by their first four bytes.
    /// </summary>
    public static string? NotTrueType(ReadOnlySpan<byte> font) =>
        font.StartsWith("ttcf"u8) ? "a font collection (.ttc)" : font.StartsWith("OTTO"u8) ? "an OpenType font with CFF outlines" : null;

    /// <summary>The reason the file at <paramref name="path"/> cannot be the PDFs' font, or null when it can.</summary>
    public static string? Check(string path)
    {
        if (!File.Exists(path)) return "no such file";
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 ? "not a font" : NotTrueType(head);
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, italic);

    public byte[]? GetFont(string faceName) => _font;
}

/// <summary>The PDFs' Japanese font is not installed; the message names <c>Reports:FontPath</c> and where it looked.</summary>
public sealed class ReportFontMissingException(string message) : Exception(message);
