using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MimeKit;
using NetOps.Core.Hosting;
using ApplicationPkcs7Signature = MimeKit.Cryptography.ApplicationPkcs7Signature;
using MultipartSigned = MimeKit.Cryptography.MultipartSigned;

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
/// S/MIME signs advisory mails (multipart/signed, SHA-256, detached CMS from .NET's <see cref="SignedCms"/>) with the
/// configured certificate, loaded once at start (a missing or unreadable file stops the start with the key named).
/// The CMS carries the signing certificate and any intermediates of the configured chain, never the root. A
/// municipality verifies a mail with any mail client or <c>openssl cms -verify -CAfile CA.pem</c>.
/// </summary>
public sealed class AdvisorySigner
{
    private const string SignatureProtocol = "application/pkcs7-signature";
    // RFC 8551 3.4.3.2; SignedCms is always asked for SHA-256 below.
    private const string MicAlg = "sha-256";

    private readonly X509Certificate2? _certificate;
    private readonly CmsSigner? _signer;
    // The CmsSigner is made once, and only its signing time changes per mail; that and ComputeSignature are one step
    // under this lock because the sender's connections sign from several threads at once.
    private readonly Lock _signing = new();
    // S/MIME signs the canonical form (RFC 8551 3.1.1): CRLF line ends, written exactly so, then sent exactly so.
    private readonly FormatOptions _canonical = new() { NewLineFormat = NewLineFormat.Dos };
    private readonly int _warningDays;
    private readonly TimeProvider _time;

    public AdvisorySigner(IOptions<SigningOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _warningDays = o.ExpiryWarningDays;
        if (string.IsNullOrWhiteSpace(o.CertificatePath)) return;
        X509Certificate2Collection chain;
        try
        {
            _certificate = o.IsPkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(o.CertificatePath, o.Password, X509KeyStorageFlags.Exportable)
                : X509Certificate2.CreateFromPemFile(o.CertificatePath, string.IsNullOrWhiteSpace(o.KeyPath) ? null : o.KeyPath);
            chain = o.IsPkcs12 ? X509CertificateLoader.LoadPkcs12CollectionFromFile(o.CertificatePath, o.Password) : PemChain(o.CertificatePath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new NetOpsConfigurationException("Ceptoar:Signing:CertificatePath", $"Ceptoar:Signing:CertificatePath: cannot load {o.CertificatePath}: {e.Message}", e);
        }
        if (!_certificate.HasPrivateKey)
            throw new NetOpsConfigurationException("Ceptoar:Signing:KeyPath", "Ceptoar:Signing:KeyPath: the signing certificate has no private key (give its PEM key in Ceptoar:Signing:KeyPath, or a PKCS#12 file)");
        // The key is taken out of the certificate once: left to CmsSigner, every signature would fetch and free it again.
        AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)_certificate.GetRSAPrivateKey() ?? _certificate.GetECDsaPrivateKey();
        _signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate, key)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1", "sha256"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var c in chain)
        {
            // The root is the verifier's trust anchor (its -CAfile), so it is left out; the intermediates let it build the path.
            if (c.RawDataMemory.Span.SequenceEqual(_certificate.RawDataMemory.Span) || IsSelfIssued(c)) c.Dispose();
            else _signer.Certificates.Add(c);
        }
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
        var body = message.Body ?? throw new ArgumentException("the message has no body", nameof(message));
        // 7-bit and short lines before signing: a relay that downgrades 8-bit or folds long lines would break the signature.
        // An ISO-2022-JP body is 7bit by RFC 1468 and keeps it: its lines are already under RFC 5322's 998 (the ack link
        // alone is longer than 78), and quoted-printable there would be read by no older client that needs ISO-2022-JP.
        body.Prepare(EncodingConstraint.SevenBit, body is TextPart { ContentTransferEncoding: ContentEncoding.SevenBit } ? 998 : 78);
        var canonical = new MemoryStream();
        body.WriteTo(_canonical, canonical);

        var cms = new SignedCms(new ContentInfo(canonical.ToArray()), detached: true);
        lock (_signing)
        {
            // Removed, not added to: a second Pkcs9SigningTime would become a second value of one attribute.
            var attributes = _signer.SignedAttributes;
            while (attributes.Count > 0) attributes.Remove(attributes[0]);
            attributes.Add(new Pkcs9SigningTime(_time.GetUtcNow().UtcDateTime));
            cms.ComputeSignature(_signer, silent: true);
        }

        // The first part is parsed back from the signed bytes, as MimeKit does: written again it gives those bytes
        // exactly, whatever the original entity would make of a second formatting.
        canonical.Position = 0;
        var signedPart = MimeEntity.Load(canonical, persistent: true);
        var signature = new ApplicationPkcs7Signature(new MemoryStream(cms.Encode(), writable: false));
        var signed = new MultipartSigned();
        signed.ContentType.Parameters["protocol"] = SignatureProtocol;
        signed.ContentType.Parameters["micalg"] = MicAlg;
        signed.Add(signedPart);
        signed.Add(signature);
        message.Body = signed;
    }

    private static X509Certificate2Collection PemChain(string path)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(path);
        return all;
    }

    private static bool IsSelfIssued(X509Certificate2 c) => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData);
}
