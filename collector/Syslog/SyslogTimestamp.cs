using System.Runtime.CompilerServices;

namespace NetOps.Collector.Syslog;

/// <summary>
/// Timestamp forms seen in syslog headers: RFC 3339 (RFC 5424 and many BSD senders) and the BSD <c>Mmm dd hh:mm:ss</c>
/// family with the vendor extensions (year before or after the time, fraction, zone name). Pure functions, never throw.
/// </summary>
internal static class SyslogTimestamp
{
    internal static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>A year-less BSD timestamp further ahead of the receive time than this belongs to the previous year.</summary>
    private const long FutureTolerance = 31 * TimeSpan.TicksPerDay;

    /// <summary>...and one further behind than this belongs to the next year (device clock ahead across New Year).</summary>
    private const long PastTolerance = 335 * TimeSpan.TicksPerDay;

    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;

    internal enum Result : byte
    {
        /// <summary>The bytes are not shaped like a timestamp.</summary>
        NotATimestamp,
        Parsed,
        /// <summary>Shaped like a timestamp but a field is out of range (<c>Feb 30</c>, <c>25:00:00</c>, offset +24:00).</summary>
        OutOfRange,
    }

    /// <summary>RFC 3339 as RFC 5424 uses it: <c>YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)</c>; up to 9 fraction digits are read (7 kept).</summary>
    internal static Result TryParseRfc3339(ReadOnlySpan<byte> s, int pos, bool requireZone, long defaultOffsetTicks, out DateTimeOffset value, out int end)
    {
        value = default;
        end = pos;
        int year = Digits(s, pos, 4);
        if (year < 0 || !At(s, pos + 4, (byte)'-')) return Result.NotATimestamp;
        int month = Digits(s, pos + 5, 2);
        if (month < 0 || !At(s, pos + 7, (byte)'-')) return Result.NotATimestamp;
        int day = Digits(s, pos + 8, 2);
        if (day < 0 || !(At(s, pos + 10, (byte)'T') || At(s, pos + 10, (byte)'t'))) return Result.NotATimestamp;
        int p = pos + 11;
        if (!TryTime(s, ref p, out int hour, out int minute, out int second, out long fraction)) return Result.NotATimestamp;

        long offsetTicks = defaultOffsetTicks;
        bool offsetInRange = true;
        if (At(s, p, (byte)'Z') || At(s, p, (byte)'z'))
        {
            offsetTicks = 0;
            p++;
        }
        else if (At(s, p, (byte)'+') || At(s, p, (byte)'-'))
        {
            bool negative = s[p] == (byte)'-';
            int oh = Digits(s, p + 1, 2);
            if (oh < 0) return Result.NotATimestamp;
            int om;
            if (At(s, p + 3, (byte)':')) { om = Digits(s, p + 4, 2); p += 6; }
            else { om = Digits(s, p + 3, 2); p += 5; } // ±hhmm: not RFC 3339, but sent by some devices
            if (om < 0) return Result.NotATimestamp;
            // RFC 3339 allows any offset up to ±23:59, though real zones stop at ±14:00; such a clock is far off and the
            // processor's skew check replaces it with the receive time, but the message itself is kept.
            offsetInRange = oh <= 23 && om <= 59;
            offsetTicks = (oh * 60L + om) * TimeSpan.TicksPerMinute * (negative ? -1 : 1);
        }
        else if (requireZone)
        {
            return Result.NotATimestamp;
        }

        end = p;
        return offsetInRange && TryCompose(year, month, day, hour, minute, second, fraction, offsetTicks, out value)
            ? Result.Parsed : Result.OutOfRange;
    }

    /// <summary>
    /// BSD forms: <c>Mmm dd hh:mm:ss</c> (day space-padded or not), with an optional year first (<c>1990 Oct 22 …</c>),
    /// between day and time (<c>Jan  6 2022 20:52:12.861</c>) or after the zone (<c>Aug 24 05:34:00 CST 1987</c>),
    /// a fraction and a zone token (<c>UTC</c>, <c>CEST</c>, <c>mdt</c>, <c>UTC+07:30</c>, <c>TZ-6</c>).
    /// Without a year the receive time's year is used, moved back (or forward) a year across New Year.
    /// </summary>
    internal static Result TryParseBsd(ReadOnlySpan<byte> s, int pos, DateTimeOffset receivedAt, long defaultOffsetTicks, out DateTimeOffset value, out int end)
    {
        value = default;
        end = pos;
        int p = pos;
        int year = Digits(s, p, 4);
        if (year >= 0 && At(s, p + 4, (byte)' ')) p += 5;
        else year = -1;

        int month = Month(s, p);
        if (month == 0 || !At(s, p + 3, (byte)' ')) return Result.NotATimestamp;
        p += 4;
        if (At(s, p, (byte)' ')) p++;
        if (!IsDigit(s, p)) return Result.NotATimestamp;
        int day = s[p++] - '0';
        if (IsDigit(s, p)) day = day * 10 + (s[p++] - '0');
        if (!At(s, p, (byte)' ')) return Result.NotATimestamp;
        p++;
        if (year < 0)
        {
            int y = Digits(s, p, 4);
            if (y >= 0 && At(s, p + 4, (byte)' ')) { year = y; p += 5; }
        }
        if (!TryTime(s, ref p, out int hour, out int minute, out int second, out long fraction)) return Result.NotATimestamp;

        long offsetTicks = defaultOffsetTicks;
        if (At(s, p, (byte)' ') && TryZone(s, p + 1, out long zoneTicks, out int zoneEnd))
        {
            offsetTicks = zoneTicks;
            p = zoneEnd;
        }
        if (year < 0 && At(s, p, (byte)' '))
        {
            int y = Digits(s, p + 1, 4);
            if (y >= 0 && IsTerminator(s, p + 5)) { year = y; p += 5; }
        }
        end = p;

        if (year >= 0)
            return TryCompose(year, month, day, hour, minute, second, fraction, offsetTicks, out value) ? Result.Parsed : Result.OutOfRange;

        long now = receivedAt.UtcTicks;
        long localNow = now + offsetTicks;
        year = (localNow < 0 || localNow > MaxTicks) ? receivedAt.UtcDateTime.Year : new DateTime(localNow).Year;
        if (!TryCompose(year, month, day, hour, minute, second, fraction, offsetTicks, out value))
            return Result.OutOfRange;
        if (value.UtcTicks - now > FutureTolerance)
        {
            return TryCompose(year - 1, month, day, hour, minute, second, fraction, offsetTicks, out value) ? Result.Parsed : Result.OutOfRange;
        }
        if (now - value.UtcTicks > PastTolerance
            && TryCompose(year + 1, month, day, hour, minute, second, fraction, offsetTicks, out var next)
            && next.UtcTicks - now <= FutureTolerance)
        {
            value = next;
        }
        return Result.Parsed;
    }

    /// <summary>A zone token: a known abbreviation, or UTC/GMT/UT/TZ with an offset (<c>UTC+1</c>, <c>UTC+07:30</c>, <c>TZ-6</c>).</summary>
    internal static bool TryZone(ReadOnlySpan<byte> s, int pos, out long offsetTicks, out int end)
    {
        offsetTicks = 0;
        end = pos;
        int i = pos;
        uint key = 0;
        while ((uint)i < (uint)s.Length && i - pos < 6 && IsLetter(s[i]))
        {
            key = (key << 5) | (uint)((s[i] & ~0x20) - '@');
            i++;
        }
        int letters = i - pos;
        if (letters is < 1 or > 5) return false;
        int minutes;
        if (At(s, i, (byte)'+') || At(s, i, (byte)'-'))
        {
            // UT, UTC, GMT, TZ followed by an offset
            if (key is not (692u or 22147u or 7604u or 666u)) return false;
            bool negative = s[i] == (byte)'-';
            i++;
            if (!IsDigit(s, i)) return false;
            int h = s[i++] - '0';
            if (IsDigit(s, i)) h = h * 10 + (s[i++] - '0');
            int m = 0;
            if (At(s, i, (byte)':') && Digits(s, i + 1, 2) is var colonMinutes and >= 0)
            {
                m = colonMinutes; // "UTC+07:30"; a bare ':' after "UTC+1" is Cisco's end of timestamp
                i += 3;
            }
            else if (Digits(s, i, 2) is var mm and >= 0)
            {
                m = mm;
                i += 2;
            }
            if (h > 14 || m > 59 || h * 60 + m > 14 * 60) return false;
            minutes = (h * 60 + m) * (negative ? -1 : 1);
        }
        else if (!TryNamedZone(key, out minutes))
        {
            return false;
        }
        if (!IsTerminator(s, i)) return false;
        offsetTicks = minutes * TimeSpan.TicksPerMinute;
        end = i;
        return true;
    }

    // Ambiguous abbreviations take the meaning network gear uses by default: CST is US Central (as in RFC 3164's
    // example, not China), IST is India. Letters are packed 5 bits each, 'A' = 1.
    private static bool TryNamedZone(uint key, out int minutes)
    {
        switch (key)
        {
            case 692: minutes = 0; return true; // UT
            case 22147: minutes = 0; return true; // UTC
            case 7604: minutes = 0; return true; // GMT
            case 26: minutes = 0; return true; // Z
            case 23732: minutes = 0; return true; // WET
            case 759412: minutes = 60; return true; // WEST
            case 2676: minutes = 60; return true; // BST
            case 3252: minutes = 60; return true; // CET
            case 13492: minutes = 60; return true; // MET
            case 104052: minutes = 120; return true; // CEST
            case 431732: minutes = 120; return true; // MEST
            case 431738: minutes = 120; return true; // MESZ
            case 13498: minutes = 60; return true; // MEZ
            case 5300: minutes = 120; return true; // EET
            case 169588: minutes = 180; return true; // EEST
            case 13931: minutes = 180; return true; // MSK
            case 9844: minutes = 330; return true; // IST
            case 16756: minutes = 300; return true; // PKT
            case 9332: minutes = 420; return true; // ICT
            case 23842: minutes = 420; return true; // WIB
            case 8564: minutes = 480; return true; // HKT
            case 19700: minutes = 480; return true; // SGT
            case 56948: minutes = 480; return true; // AWST
            case 16660: minutes = 480; return true; // PHT
            case 10868: minutes = 540; return true; // JST
            case 11892: minutes = 540; return true; // KST
            case 36468: minutes = 570; return true; // ACST
            case 38516: minutes = 600; return true; // AEST
            case 38036: minutes = 660; return true; // AEDT
            case 486004: minutes = 720; return true; // NZST
            case 485524: minutes = 780; return true; // NZDT
            case 8820: minutes = -600; return true; // HST
            case 44660: minutes = -540; return true; // AKST
            case 44180: minutes = -480; return true; // AKDT
            case 17012: minutes = -480; return true; // PST
            case 16532: minutes = -420; return true; // PDT
            case 13940: minutes = -420; return true; // MST
            case 13460: minutes = -360; return true; // MDT
            case 3700: minutes = -360; return true; // CST
            case 3220: minutes = -300; return true; // CDT
            case 5748: minutes = -300; return true; // EST
            case 5268: minutes = -240; return true; // EDT
            case 1652: minutes = -240; return true; // AST
            case 1172: minutes = -180; return true; // ADT
            default: minutes = 0; return false;
        }
    }

    internal static bool TryCompose(int year, int month, int day, int hour, int minute, int second, long fraction, long offsetTicks, out DateTimeOffset value)
    {
        value = default;
        if ((uint)(year - 1) >= 9999u || (uint)(month - 1) >= 12u || day < 1 || day > DateTime.DaysInMonth(year, month)
            || (uint)hour > 23u || (uint)minute > 59u || (uint)second > 60u)
            return false;
        if (second == 60) second = 59; // leap second: keep it inside its minute rather than reject the message
        long ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction - offsetTicks;
        if (ticks < 0 || ticks > MaxTicks) return false;
        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary><c>hh:mm:ss</c> with an optional <c>.</c> or <c>,</c> fraction of 1–9 digits (7 kept, as ticks).</summary>
    private static bool TryTime(ReadOnlySpan<byte> s, ref int pos, out int hour, out int minute, out int second, out long fraction)
    {
        minute = second = -1;
        fraction = 0;
        int p = pos;
        hour = Digits(s, p, 2);
        if (hour < 0 || !At(s, p + 2, (byte)':')) return false;
        minute = Digits(s, p + 3, 2);
        if (minute < 0 || !At(s, p + 5, (byte)':')) return false;
        second = Digits(s, p + 6, 2);
        if (second < 0) return false;
        p += 8;
        if ((At(s, p, (byte)'.') || At(s, p, (byte)',')) && IsDigit(s, p + 1))
        {
            p++;
            int n = 0;
            while (IsDigit(s, p))
            {
                if (++n > 9) return false;
                if (n <= 7) fraction = fraction * 10 + (s[p] - '0');
                p++;
            }
            for (int k = n; k < 7; k++) fraction *= 10;
        }
        pos = p;
        return true;
    }

    private static int Month(ReadOnlySpan<byte> s, int p)
    {
        if ((uint)(p + 2) >= (uint)s.Length) return 0;
        int key = ((s[p] | 0x20) << 16) | ((s[p + 1] | 0x20) << 8) | (s[p + 2] | 0x20);
        return key switch
        {
            0x6a616e => 1, // jan
            0x666562 => 2, // feb
            0x6d6172 => 3, // mar
            0x617072 => 4, // apr
            0x6d6179 => 5, // may
            0x6a756e => 6, // jun
            0x6a756c => 7, // jul
            0x617567 => 8, // aug
            0x736570 => 9, // sep
            0x6f6374 => 10, // oct
            0x6e6f76 => 11, // nov
            0x646563 => 12, // dec
            _ => 0,
        };
    }

    /// <summary>The value of exactly <paramref name="count"/> ASCII digits at <paramref name="pos"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Digits(ReadOnlySpan<byte> s, int pos, int count)
    {
        if (pos < 0 || (uint)(pos + count) > (uint)s.Length) return -1;
        int v = 0;
        for (int i = pos; i < pos + count; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) return -1;
            v = v * 10 + (int)d;
        }
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool At(ReadOnlySpan<byte> s, int i, byte b) => (uint)i < (uint)s.Length && s[i] == b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(ReadOnlySpan<byte> s, int i) => (uint)i < (uint)s.Length && (uint)(s[i] - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>End of input, a space or a colon (Cisco ends the timestamp with <c>:</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsTerminator(ReadOnlySpan<byte> s, int i) => i == s.Length || At(s, i, (byte)' ') || At(s, i, (byte)':');
}
