using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// The Message-ID of an advisory mail: <c>advisory-ID.HASH@netops</c>, HASH the first 16 bytes of SHA-256 over the
/// lower-cased recipient address. The same advisory to the same recipient always has the same id, so a copy resent
/// after a crash is recognisable (and many mail systems drop it as a duplicate); the address is not readable from it.
/// </summary>
public static class MessageIds
{
    public const string Domain = "netops";

    /// <summary>Without the angle brackets (as MimeKit's <c>MimeMessage.MessageId</c> takes it).</summary>
    public static string For(long advisoryId, string address) => For(advisoryId, address, 0);

    /// <summary>
    /// The Message-ID of reminder <paramref name="round"/> (0: the advisory itself): <c>advisory-ID.rN.HASH@netops</c>,
    /// stable per round so that each reminder is recognisable as itself and distinct from the advisory and the other rounds.
    /// </summary>
    public static string For(long advisoryId, string address, int round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())).AsSpan(0, 16));
        return round == 0
            ? string.Create(CultureInfo.InvariantCulture, $"advisory-{advisoryId}.{hash}@{Domain}")
            : string.Create(CultureInfo.InvariantCulture, $"advisory-{advisoryId}.r{round}.{hash}@{Domain}");
    }
}
