using System.Text;
using System.Text.Unicode;

namespace NetOps.Collector.Syslog;

/// <summary>
/// Turns message bytes into text. A device's inventory <c>charset</c> decides; without one, UTF-8 when the bytes are
/// UTF-8, else the Japanese legacy encoding they are valid in (ISO-2022-JP by its escapes, EUC-JP or Shift_JIS by
/// their byte structure), so that Japanese text from older municipal systems is never lost to U+FFFD.
/// Pure functions; never throws.
/// </summary>
public static class SyslogText
{
    private static readonly Encoding ShiftJis, EucJp, Iso2022Jp;

    static SyslogText()
    {
        // Code pages ship with .NET but must be registered before use; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        ShiftJis = Encoding.GetEncoding(932);
        EucJp = Encoding.GetEncoding(51932);
        Iso2022Jp = Encoding.GetEncoding(50220);
    }

    /// <summary>The encoding an inventory <c>charset</c> names, or null (detect) for none or an unknown name.</summary>
    public static Encoding? ForCharset(string? charset) => charset?.ToLowerInvariant() switch
    {
        "shift_jis" or "sjis" or "cp932" or "windows-31j" => ShiftJis,
        "euc-jp" => EucJp,
        "iso-2022-jp" => Iso2022Jp,
        "utf-8" => Encoding.UTF8,
        _ => null,
    };

    /// <summary>Decodes with <paramref name="encoding"/>, or detects it when null; invalid bytes become U+FFFD.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding? encoding = null) =>
        (encoding ?? Detect(bytes)).GetString(bytes);

    /// <summary>The encoding <paramref name="bytes"/> are most likely in (UTF-8 unless they are not UTF-8 or carry ISO-2022-JP escapes).</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes)
    {
        // ISO-2022-JP is 7-bit, so valid UTF-8 too: its escapes (ESC $ B, ESC $ @) give it away.
        int esc = bytes.IndexOf((byte)0x1B);
        if (esc >= 0 && HasJisEscape(bytes[esc..])) return Iso2022Jp;
        if (Utf8.IsValid(bytes)) return Encoding.UTF8;
        bool euc = IsEucJp(bytes);
        bool sjis = IsShiftJis(bytes, out bool halfWidthKana);
        // Most EUC-JP text is valid Shift_JIS too, read as half-width katakana, which real Shift_JIS text rarely uses;
        // Shift_JIS kana and kanji are almost never valid EUC-JP. A device's charset settles what this cannot.
        if (euc && (!sjis || halfWidthKana)) return EucJp;
        if (sjis) return ShiftJis;
        return Encoding.UTF8;
    }

    private static bool HasJisEscape(ReadOnlySpan<byte> s)
    {
        for (int i = s.IndexOf((byte)0x1B); i >= 0 && i + 2 < s.Length; )
        {
            if (s[i + 1] == (byte)'$' && s[i + 2] is (byte)'B' or (byte)'@') return true;
            int next = s[(i + 1)..].IndexOf((byte)0x1B);
            if (next < 0) break;
            i += 1 + next;
        }
        return false;
    }

    private static bool IsEucJp(ReadOnlySpan<byte> s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            if (b < 0x80) continue;
            if (b == 0x8E) { if (i + 1 >= s.Length || s[i + 1] is < 0xA1 or > 0xDF) return false; i++; }
            else if (b == 0x8F) { if (i + 2 >= s.Length || !EucByte(s[i + 1]) || !EucByte(s[i + 2])) return false; i += 2; }
            else if (EucByte(b)) { if (i + 1 >= s.Length || !EucByte(s[i + 1])) return false; i++; }
            else return false;
        }
        return true;
    }

    private static bool EucByte(byte b) => b is >= 0xA1 and <= 0xFE;

    private static bool IsShiftJis(ReadOnlySpan<byte> s, out bool halfWidthKana)
    {
        halfWidthKana = false;
        for (int i = 0; i < s.Length; i++)
        {
            byte b = s[i];
            if (b < 0x80) continue;
            if (b is >= 0xA1 and <= 0xDF) { halfWidthKana = true; continue; }
            if (b is (>= 0x81 and <= 0x9F) or (>= 0xE0 and <= 0xFC))
            {
                if (i + 1 >= s.Length || s[i + 1] is < 0x40 or 0x7F or > 0xFC) return false;
                i++;
                continue;
            }
            return false;
        }
        return true;
    }
}
