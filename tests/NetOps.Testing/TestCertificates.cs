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
}
