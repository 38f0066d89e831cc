using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Alerting.Dispatch;

/// <summary>
/// The labels that name one alert's condition (<c>site</c>, <c>kind</c>, <c>prefecture</c>, <c>severity</c>, ...).
/// Two alerts with the same labels are the same condition: <see cref="Fingerprint"/> is their identity.
/// </summary>
public static class LabelSet
{
    public const string Site = "site";
    public const string Kind = "kind";
    public const string Prefecture = "prefecture";
    public const string Severity = "severity";
    public const string AlertName = "alertname";

    /// <summary>
    /// A stable fingerprint of <paramref name="labels"/>: 16 hex digits of SHA-256 over the labels sorted by name
    /// (ordinal), each name and value length-prefixed, so no two different sets can collide by concatenation.
    /// Empty values are left out, as Prometheus treats an empty label as absent.
    /// </summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var builder = new StringBuilder();
        foreach (var (name, value) in labels.Where(l => l.Value.Length > 0).OrderBy(l => l.Key, StringComparer.Ordinal))
            builder.Append(name.Length).Append(':').Append(name).Append(value.Length).Append(':').Append(value);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Prometheus' label name rule: <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsValidName([NotNullWhen(true)] string? name) =>
        !string.IsNullOrEmpty(name) && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The value of <paramref name="name"/>, or empty when the label is absent (Prometheus' rule).</summary>
    public static string Get(IReadOnlyDictionary<string, string> labels, string name) =>
        labels.TryGetValue(name, out var value) ? value : "";
}
