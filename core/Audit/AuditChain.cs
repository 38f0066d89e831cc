using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Core.Audit;

/// <summary>
/// The audit chain's canonical form: the record's fields <c>sequence, time, actor, source, action, target, before,
/// after, previousHash</c> in that order, separated by <c>,</c>, each written as its UTF-8 byte length, <c>:</c> and
/// its UTF-8 bytes (a netstring without the trailing comma), or <c>-</c> when absent. Sequence is decimal, time is
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (UTC, microseconds). The hash is the lower-case hex SHA-256 of those bytes;
/// the first record's previous hash is 64 zeros. Length prefixes make the form unambiguous whatever a field holds
/// (commas, newlines, Japanese), and easy to recompute from the CSV export in any language (README "Audit").
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Both SQLite (ticks) and PostgreSQL (microseconds) keep a time truncated to microseconds exactly.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - utc.UtcTicks % 10, TimeSpan.Zero);
    }

    public static byte[] CanonicalForm(AuditRecord r)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Field(buffer, r.Sequence.ToString(CultureInfo.InvariantCulture), first: true);
        Field(buffer, r.Time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
        Field(buffer, r.Actor);
        Field(buffer, r.Source);
        Field(buffer, r.Action);
        Field(buffer, r.Target);
        Field(buffer, r.Before);
        Field(buffer, r.After);
        Field(buffer, r.PreviousHash);
        return buffer.WrittenSpan.ToArray();
    }

    public static string ComputeHash(AuditRecord r) => Convert.ToHexStringLower(SHA256.HashData(CanonicalForm(r)));

    private static void Field(ArrayBufferWriter<byte> buffer, string? value, bool first = false)
    {
        if (!first) buffer.Write(","u8);
        if (value is null)
        {
            buffer.Write("-"u8);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        buffer.Write(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture)));
        buffer.Write(":"u8);
        buffer.Write(bytes);
    }
}
