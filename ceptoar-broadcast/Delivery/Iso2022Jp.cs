using System.Text;

namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// ISO-2022-JP (RFC 1468) for advisory mails: which text it carries exactly, and lines kept within RFC 5322's limit.
/// A text is carried when it encodes and decodes back to itself: characters outside ASCII and JIS X 0208 (emoji, most
/// of JIS X 0212/0213, half-width katakana, which the encoder would silently widen) are not.
/// </summary>
public static class Iso2022Jp
{
    /// <summary>Encoded bytes per line at most: under RFC 5322's 998, with room for the escape sequences.</summary>
    public const int MaxLineBytes = 900;

    private const int EscapeLength = 3;

    /// <summary>The encoder MimeKit writes with (code page 50220; its web name is <c>iso-2022-jp</c>).</summary>
    public static Encoding Encoding { get; } = Strict();

    private static Encoding Strict()
    {
        // Idempotent; .NET has no ISO-2022-JP without the code-pages provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("iso-2022-jp", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// Null when ISO-2022-JP carries <paramref name="text"/> exactly; otherwise the first character it cannot carry
    /// (as <c>U+XXXX</c>, for the delivery log).
    /// </summary>
    public static string? FirstUncarried(string text)
    {
        if (RoundTrips(text)) return null;
        foreach (var rune in text.EnumerateRunes())
        {
            var one = rune.ToString();
            if (!RoundTrips(one)) return $"U+{rune.Value:X4}";
        }
        // Every character alone is carried but not the whole (cannot happen with a stateless decode); be safe.
        return "the text as a whole";
    }

    private static bool RoundTrips(string text)
    {
        try
        {
            return Encoding.GetString(Encoding.GetBytes(text)) == text;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Breaks lines (CRLF) whose encoding would be longer than <see cref="MaxLineBytes"/> at character boundaries, so
    /// that the body can go as 7bit; shorter lines are left as they are. Counts the escape sequences as the encoder
    /// writes them: one on each switch between ASCII and JIS X 0208, one back to ASCII before the line end.
    /// </summary>
    public static string FoldLongLines(string text)
    {
        var lines = text.Split("\r\n");
        var sb = new StringBuilder(text.Length + 16);
        for (int l = 0; l < lines.Length; l++)
        {
            if (l > 0) sb.Append("\r\n");
            int bytes = 0;
            bool jis = false;
            foreach (var rune in lines[l].EnumerateRunes())
            {
                bool ascii = rune.Value < 0x80;
                int cost = ascii ? 1 + (jis ? EscapeLength : 0) : 2 * rune.Utf16SequenceLength + (jis ? 0 : EscapeLength);
                if (bytes + cost + EscapeLength > MaxLineBytes)
                {
                    sb.Append("\r\n");
                    bytes = 0;
                    jis = false;
                    cost = ascii ? 1 : 2 * rune.Utf16SequenceLength + EscapeLength;
                }
                bytes += cost;
                jis = !ascii;
                sb.Append(rune.ToString());
            }
        }
        return sb.ToString();
    }
}
