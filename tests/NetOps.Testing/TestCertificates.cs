using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetOps.Testing;

/// <summary>A test CA and an S/MIME signing certificate (emailProtection) issued by it, written as PEM files.</summary>
public static class TestCertificates
{
    public static (string Ca, string Cert, string Key) SigningPem(string directory, DateTimeOffset notAfter, string email = "ceptoar@netops.example.lg.jp")
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=NetOps test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(5));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CEPTOAR, O=NetOps test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(email);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(8));
        Directory.CreateDirectory(directory);
        var paths = (Path.Combine(directory, "ca.pem"), Path.Combine(directory, "signing.pem"), Path.Combine(directory, "signing.key"));
        File.WriteAllText(paths.Item1, ca.ExportCertificatePem());
        File.WriteAllText(paths.Item2, cert.ExportCertificatePem());
        File.WriteAllText(paths.Item3, key.ExportPkcs8PrivateKeyPem());
        return paths;
    }

    /// <summary>
    /// A root CA, an intermediate CA under it and a signing certificate under that: <c>chain.pem</c> holds the signing
    /// certificate then the intermediate, <c>chain.key</c> its key, and <c>chain.p12</c> (password <paramref name="password"/>)
    /// all three certificates with the key, as a CA hands them out.
    /// </summary>
    public static (string Root, string ChainPem, string Key, string Pkcs12) SigningChain(string directory, DateTimeOffset notAfter, string password, string email = "ceptoar@netops.example.lg.jp")
    {
        using var rootKey = RSA.Create(2048);
        using var root = CaRequest("CN=NetOps test root CA", rootKey).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddYears(5));
        using var intermediateKey = RSA.Create(2048);
        using var intermediatePublic = CaRequest("CN=NetOps test issuing CA", intermediateKey).Create(root, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddYears(4), RandomNumberGenerator.GetBytes(8));
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CEPTOAR, O=NetOps test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(email);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.Create(intermediate, DateTimeOffset.UtcNow.AddDays(-1), notAfter, RandomNumberGenerator.GetBytes(8));
        using var withKey = cert.CopyWithPrivateKey(key);
        Directory.CreateDirectory(directory);
        var paths = (Path.Combine(directory, "root.pem"), Path.Combine(directory, "chain.pem"), Path.Combine(directory, "chain.key"), Path.Combine(directory, "chain.p12"));
        File.WriteAllText(paths.Item1, root.ExportCertificatePem());
        File.WriteAllText(paths.Item2, cert.ExportCertificatePem() + "\n" + intermediatePublic.ExportCertificatePem() + "\n");
        File.WriteAllText(paths.Item3, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(paths.Item4, new X509Certificate2Collection(new[] { withKey, intermediatePublic, root }).Export(X509ContentType.Pkcs12, password)!);
        return paths;
    }

    private static CertificateRequest CaRequest(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key.ExportSubjectPublicKeyInfo(), false));
        return request;
    }
}
