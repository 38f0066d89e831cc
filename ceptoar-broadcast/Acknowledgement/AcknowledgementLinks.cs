using System.Globalization;
using NetOps.Core.Links;

namespace NetOps.Ceptoar.Acknowledgement;

/// <summary>
/// The per-recipient acknowledgement link of an advisory mail: <c>Dashboard:PublicUrl/ack/advisory/TOKEN</c>, TOKEN a
/// <see cref="SignedLinks"/> token for purpose <c>advisory-ack</c> bound to the advisory id and the recipient address.
/// </summary>
public sealed class AcknowledgementLinks(SignedLinks links)
{
    public const string Purpose = "advisory-ack";
    public const string PathPrefix = "/ack/advisory/";

    public string Token(long advisoryId, string address, DateTimeOffset expires) =>
        links.Create(Purpose, [advisoryId.ToString(CultureInfo.InvariantCulture), address.Trim().ToLowerInvariant()], expires);

    /// <summary>The absolute link under <paramref name="publicUrl"/>.</summary>
    public string Url(string publicUrl, long advisoryId, string address, DateTimeOffset expires) =>
        publicUrl.TrimEnd('/') + PathPrefix + Token(advisoryId, address, expires);

    /// <summary>The advisory and address a token was made for, when it is genuine and unexpired.</summary>
    public bool TryRead(string? token, out long advisoryId, out string address, out LinkRejection rejection)
    {
        advisoryId = 0;
        address = "";
        if (!links.TryVerify(token, Purpose, out var claims, out rejection)) return false;
        if (claims.Count != 2 || !long.TryParse(claims[0], NumberStyles.None, CultureInfo.InvariantCulture, out advisoryId))
        {
            rejection = LinkRejection.Malformed;
            return false;
        }
        address = claims[1];
        return true;
    }
}
