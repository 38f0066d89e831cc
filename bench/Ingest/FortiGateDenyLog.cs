using System.Buffers.Text;

namespace NetOps.Bench.Ingest;

/// <summary>
/// Writes FortiGate "traffic/forward" deny lines (the bulk of real LGWAN syslog volume), each unique:
/// the sequence number is the <c>sessionid</c>, and <c>srcport</c> and <c>eventtime</c> vary with it.
/// Not thread-safe: one writer per sending thread.
/// </summary>
public sealed class FortiGateDenyLog
{
    /// <summary>Longest line written; the sequence and eventtime have at most 19 digits each.</summary>
    public const int MaxLength = 512;

    private static ReadOnlySpan<byte> Pri => "<189>date="u8;
    private static ReadOnlySpan<byte> Time => " time="u8;
    private static ReadOnlySpan<byte> EventTime => "\" devid=\"FGT60F0000000001\" eventtime="u8;
    private static ReadOnlySpan<byte> Middle =>
        " logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=203.0.113.7 srcport="u8;
    private static ReadOnlySpan<byte> Destination => " srcintf=\"wan1\" dstip=10.0.0.5 dstport=445 dstintf=\"internal\" sessionid="u8;
    private static ReadOnlySpan<byte> Tail =>
        " proto=6 action=\"deny\" policyid=0 service=\"SMB\" trandisp=\"noop\" duration=0 sentbyte=0 rcvdbyte=0"u8;

    private readonly byte[] _device;
    private readonly byte[] _dateTime = new byte[10 + 6 + 8];
    private long _cachedSecond = long.MinValue;

    /// <param name="deviceName">The <c>devname</c>; the harness tells warm-up lines from measured ones by it.</param>
    public FortiGateDenyLog(string deviceName)
    {
        DeviceName = deviceName;
        _device = System.Text.Encoding.ASCII.GetBytes($" devname=\"{deviceName}");
    }

    public string DeviceName { get; }

    /// <summary>Writes one line for <paramref name="sequence"/> at <paramref name="unixNanoseconds"/>; returns its length.</summary>
    public int Write(Span<byte> destination, long sequence, long unixNanoseconds)
    {
        var second = unixNanoseconds / 1_000_000_000;
        if (second != _cachedSecond) CacheDateTime(second);

        var n = 0;
        Append(destination, ref n, Pri);
        Append(destination, ref n, _dateTime);
        Append(destination, ref n, _device);
        Append(destination, ref n, EventTime);
        Utf8Formatter.TryFormat(unixNanoseconds, destination[n..], out var w); n += w;
        Append(destination, ref n, Middle);
        Utf8Formatter.TryFormat(1024 + (int)(sequence % 64_000), destination[n..], out w); n += w;
        Append(destination, ref n, Destination);
        Utf8Formatter.TryFormat(sequence, destination[n..], out w); n += w;
        Append(destination, ref n, Tail);
        return n;
    }

    private static void Append(Span<byte> destination, ref int n, ReadOnlySpan<byte> part)
    {
        part.CopyTo(destination[n..]);
        n += part.Length;
    }

    // Formatting a date per line would cost more than the send; the text changes once a second.
    private void CacheDateTime(long unixSecond)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(unixSecond).UtcDateTime;
        var text = $"{t:yyyy-MM-dd} time={t:HH:mm:ss}";
        System.Text.Encoding.ASCII.GetBytes(text, _dateTime);
        _cachedSecond = unixSecond;
    }
}
