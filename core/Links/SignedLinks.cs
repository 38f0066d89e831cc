using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Core.Links;

/// <summary>Why a signed link was refused.</summary>
public enum LinkRejection
{
    None,
    /// <summary>Not a token of this form (bad base64, missing parts, too long).</summary>
    Malformed,
    /// <summary>The signature does not match: changed, made with another key, or for another purpose.</summary>
    BadSignature,
    /// <summary>Past its expiry.</summary>
    Expired,
}

/// <summary>
/// HMAC-SHA256 signed, expiring tokens for links in mail (DESIGN.md "Mail and signed links"): a token binds a purpose
/// (<c>advisory-ack</c>, <c>alert-ack</c>) and a few claims (an advisory id and a recipient address) to an expiry.
/// Form: <c>base64url(payload).base64url(mac)</c>, payload <c>v1\npurpose\nexpiry-unix-seconds\nclaim\nclaim…</c>.
/// The claims are readable by whoever holds the link; the signature only stops anyone from changing them or making new ones.
/// </summary>
public sealed class SignedLinks(LinkSecret secret, TimeProvider time)
{
    /// <summary>Tokens longer than this are refused unread.</summary>
    public const int MaxTokenLength = 2048;
    private const string Version = "v1";

    /// <summary>A token for <paramref name="purpose"/> and <paramref name="claims"/>, valid until <paramref name="expires"/>.</summary>
    public string Create(string purpose, IReadOnlyList<string> claims, DateTimeOffset expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(claims);
        if (purpose.Contains('\n')) throw new ArgumentException("a purpose cannot hold a line break", nameof(purpose));
        foreach (var c in claims)
            if (c.Contains('\n')) throw new ArgumentException("a claim cannot hold a line break", nameof(claims));
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', new[] { Version, purpose, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) }.Concat(claims)));
        var mac = HMACSHA256.HashData(secret.Bytes, payload);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>
    /// Checks <paramref name="token"/> for <paramref name="purpose"/>: true with its claims when it is signed with this
    /// key for this purpose and has not expired. Never throws on content.
    /// </summary>
    public bool TryVerify(string? token, string purpose, out IReadOnlyList<string> claims, out LinkRejection rejection)
    {
        claims = [];
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) { rejection = LinkRejection.Malformed; return false; }
        int dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1 || token.IndexOf('.', dot + 1) >= 0) { rejection = LinkRejection.Malformed; return false; }
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            rejection = LinkRejection.Malformed;
            return false;
        }
        var expected = HMACSHA256.HashData(secret.Bytes, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac)) { rejection = LinkRejection.BadSignature; return false; }
        string text;
        try { text = new UTF8Encoding(false, true).GetString(payload); }
        catch (ArgumentException) { rejection = LinkRejection.Malformed; return false; }
        var parts = text.Split('\n');
        if (parts.Length < 3 || parts[0] != Version
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        { rejection = LinkRejection.Malformed; return false; }
        // The purpose is inside the signed payload, so a token made for another purpose has a valid signature: refuse it here.
        if (!string.Equals(parts[1], purpose, StringComparison.Ordinal)) { rejection = LinkRejection.BadSignature; return false; }
        if (time.GetUtcNow().ToUnixTimeSeconds() >= expiry) { rejection = LinkRejection.Expired; return false; }
        claims = parts[3..];
        rejection = LinkRejection.None;
        return true;
    }
}
