using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MimeKit.Cryptography;

namespace NetOps.Bench.Ceptoar;

/// <summary>
/// The signing core AdvisorySigner had before SignedCms (MimeKit's BouncyCastle <see cref="CmsSigner"/>, made once),
/// kept here only so that <c>bench ceptoar</c> can put the two side by side.
/// </summary>
public sealed class BouncyCastleAdvisorySigner(X509Certificate2 certificate)
{
    private readonly CmsSigner _signer = new(certificate) { DigestAlgorithm = DigestAlgorithm.Sha256 };

    public void Sign(MimeMessage message)
    {
        using var context = new TemporarySecureMimeContext();
        message.Body = MultipartSigned.Create(context, _signer, message.Body ?? throw new ArgumentException("the message has no body", nameof(message)));
    }
}
