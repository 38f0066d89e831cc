using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace NetOps.Core.Audit;

/// <summary>
/// The audit chain's canonical form. A record's hash is the lower-case hex SHA-256 of the UTF-8 JSON array
/// <c>[sequence, time, actor, source, action, target, before, after, previousHash]</c>, where time is
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (UTC, microseconds), absent values are JSON null, strings are escaped as
/// System.Text.Json's default encoder does, with no whitespace. The first record's previous hash is 64 zeros.
/// This is the form an auditor recomputes from the CSV export (README "Audit").
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

    public static string CanonicalForm(AuditRecord r)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            w.WriteNumberValue(r.Sequence);
            w.WriteStringValue(r.Time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture));
            w.WriteStringValue(r.Actor);
            WriteNullable(w, r.Source);
            w.WriteStringValue(r.Action);
            WriteNullable(w, r.Target);
            WriteNullable(w, r.Before);
            WriteNullable(w, r.After);
            w.WriteStringValue(r.PreviousHash);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string ComputeHash(AuditRecord r) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CanonicalForm(r))));

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null) w.WriteNullValue();
        else w.WriteStringValue(value);
    }
}
