using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using MultipartSigned = MimeKit.Cryptography.MultipartSigned;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Signing;
using NetOps.Ceptoar.Tests.Delivery;
using NetOps.Testing;

namespace NetOps.Ceptoar.Tests.Signing;

/// <summary>S/MIME signatures checked by real verifiers: <c>openssl cms -verify</c> and <c>openssl smime -verify</c> against the CA, and MimeKit.</summary>
public sealed class AdvisorySignerTests : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("netops-signing-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private (string Ca, string Cert, string Key) MakeCertificates(DateTimeOffset notAfter) => TestCertificates.SigningPem(_dir, notAfter);

    private static readonly AdvisoryDraft Draft = new("VPN 装置の脆弱性", "直ちに更新してください。", AdvisorySeverity.Urgent, TrafficLightProtocol.Clear, "NISC", [], [], []);

    private static MimeMessage Mail()
    {
        var to = new AdvisoryMail.Recipient("joho@city.example.jp", "352012", "下関市", MessageIds.For(1, "joho@city.example.jp"), "http://127.0.0.1/ack/advisory/T", DateTimeOffset.UtcNow.AddDays(30));
        return AdvisoryMail.Build(1, Draft, to, new MailboxAddress("", "ceptoar@netops.example.lg.jp"), DateTimeOffset.UtcNow);
    }

    private static Task<(int ExitCode, string Output)> OpensslVerifyAsync(string file, string ca, string output = "/dev/null") =>
        OpensslAsync("cms", "-verify", "-in", file, "-CAfile", ca, "-out", output);

    private static async Task<(int ExitCode, string Output)> OpensslAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await stdout;
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, stderr);
    }

    private string Write(MimeMessage message, string name)
    {
        var path = Path.Combine(_dir, name);
        using var stream = File.Create(path);
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task A_signed_advisory_verifies_with_openssl_against_the_CA_and_a_changed_body_does_not()
    {
        var (ca, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        Assert.Equal(SigningState.Valid, signer.Status().State);
        var message = Mail();
        signer.Sign(message);
        Assert.IsType<MultipartSigned>(message.Body);
        var good = Write(message, "good.eml");
        var verified = await OpensslVerifyAsync(good, ca);
        Assert.True(verified.ExitCode == 0, verified.Output);

        var text = await File.ReadAllTextAsync(good, TestContext.Current.CancellationToken);
        var part = ((MultipartSigned)message.Body)[0];
        var encoded = part.ToString();
        var b64Line = encoded.Split('\n').First(l => l.Length > 40 && !l.Contains(':', StringComparison.Ordinal)).TrimEnd('\r');
        var tampered = Path.Combine(_dir, "tampered.eml");
        await File.WriteAllTextAsync(tampered, text.Replace(b64Line, new string('A', b64Line.Length), StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.NotEqual(text, await File.ReadAllTextAsync(tampered, TestContext.Current.CancellationToken));
        Assert.NotEqual(0, (await OpensslVerifyAsync(tampered, ca)).ExitCode);
    }

    [Fact]
    public void An_expired_certificate_is_reported_and_one_expiring_soon_is_warned()
    {
        var (_, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddDays(10));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key, ExpiryWarningDays = 30 }), _time);
        Assert.Equal(SigningState.ExpiringSoon, signer.Status().State);
        _time.Advance(TimeSpan.FromDays(11));
        var (state, reason) = signer.Status();
        Assert.Equal(SigningState.Expired, state);
        Assert.Contains("expired", reason, StringComparison.Ordinal);
        Assert.Equal(SigningState.Unsigned, new AdvisorySigner(Options.Create(new SigningOptions()), _time).Status().State);
    }

    private static MimeMessage Load(string path) => MimeMessage.Load(path, TestContext.Current.CancellationToken);

    /// <summary>MimeKit's own check, signature and chain, with only <paramref name="ca"/> trusted.</summary>
    private static bool MimeKitVerifies(MimeMessage message, string ca)
    {
        using var context = new TemporarySecureMimeContext();
        using var root = X509CertificateLoader.LoadCertificateFromFile(ca);
        context.Import(root, TestContext.Current.CancellationToken);
        var signatures = Assert.IsType<MultipartSigned>(message.Body).Verify(context, TestContext.Current.CancellationToken);
        var signature = Assert.Single(signatures);
        try
        {
            return signature.Verify();
        }
        catch (DigitalSignatureVerifyException)
        {
            return false;
        }
    }

    private static SignedCms Cms(MimeMessage message)
    {
        var signed = Assert.IsType<MultipartSigned>(message.Body);
        using var content = new MemoryStream();
        signed[0].WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, content, TestContext.Current.CancellationToken);
        using var der = new MemoryStream();
        Assert.IsType<ApplicationPkcs7Signature>(signed[1]).Content!.DecodeTo(der, TestContext.Current.CancellationToken);
        var cms = new SignedCms(new ContentInfo(content.ToArray()), detached: true);
        cms.Decode(der.ToArray());
        return cms;
    }

    [Fact]
    public void A_signed_advisory_read_back_from_the_wire_verifies_with_MimeKit_and_keeps_its_Japanese_subject_and_body()
    {
        var (ca, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        var message = Mail();
        signer.Sign(message);
        var loaded = Load(Write(message, "good.eml"));

        var signed = Assert.IsType<MultipartSigned>(loaded.Body);
        Assert.Equal("application/pkcs7-signature", signed.ContentType.Parameters["protocol"]);
        Assert.Equal("sha-256", signed.ContentType.Parameters["micalg"]);
        var signature = Assert.IsType<ApplicationPkcs7Signature>(signed[1]);
        Assert.Equal("smime.p7s", signature.FileName);
        Assert.Equal(ContentEncoding.Base64, signature.ContentTransferEncoding);
        Assert.True(MimeKitVerifies(loaded, ca));

        Assert.Equal(AdvisoryMail.Subject(Draft), loaded.Subject);
        var text = Assert.IsType<TextPart>(signed[0]).Text;
        Assert.Contains("直ちに更新してください。", text, StringComparison.Ordinal);
        Assert.Contains("下関市", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_body_fails_MimeKit_and_openssl_smime_verification()
    {
        var (ca, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        var message = Mail();
        signer.Sign(message);
        var good = Write(message, "good.eml");
        Assert.Equal(0, (await OpensslAsync("smime", "-verify", "-in", good, "-CAfile", ca, "-purpose", "any", "-out", "/dev/null")).ExitCode);

        // Another advisory's body under this signature: still valid base64 and MIME, only the signature can tell.
        var forgedBody = Assert.IsType<TextPart>(Mail().Body);
        forgedBody.SetText("utf-8", "偽の注意喚起です。");
        forgedBody.Prepare(EncodingConstraint.SevenBit, 78);
        var forged = Load(good);
        var signed = Assert.IsType<MultipartSigned>(forged.Body);
        signed.RemoveAt(0);
        signed.Insert(0, forgedBody);
        var tampered = Write(forged, "tampered.eml");
        Assert.False(MimeKitVerifies(Load(tampered), ca));
        Assert.NotEqual(0, (await OpensslAsync("smime", "-verify", "-in", tampered, "-CAfile", ca, "-purpose", "any", "-out", "/dev/null")).ExitCode);
    }

    [Fact]
    public async Task Openssl_gives_back_the_signed_body_with_its_Japanese_text()
    {
        var (ca, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        var message = Mail();
        signer.Sign(message);
        var content = Path.Combine(_dir, "content.mime");
        var verified = await OpensslVerifyAsync(Write(message, "good.eml"), ca, content);
        Assert.True(verified.ExitCode == 0, verified.Output);
        var part = Assert.IsType<TextPart>(MimeEntity.Load(content, TestContext.Current.CancellationToken));
        Assert.Contains("直ちに更新してください。", part.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signature_carries_the_signing_time_from_the_time_provider_and_SHA_256()
    {
        var (_, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        _time.Advance(TimeSpan.FromMinutes(7));
        var message = Mail();
        signer.Sign(message);

        var info = Assert.Single(Cms(message).SignerInfos.Cast<SignerInfo>());
        info.CheckSignature(verifySignatureOnly: true);
        Assert.Equal("2.16.840.1.101.3.4.2.1", info.DigestAlgorithm.Value);
        var signingTime = Assert.IsType<Pkcs9SigningTime>(Assert.Single(info.SignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.5").Values[0]);
        // UTCTime keeps whole seconds.
        Assert.Equal(_time.GetUtcNow().UtcDateTime, signingTime.SigningTime, TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("p12")]
    public async Task The_signature_carries_the_intermediate_but_not_the_root_so_openssl_verifies_against_the_root_alone(string form)
    {
        var (root, chain, key, p12) = TestCertificates.SigningChain(_dir, DateTimeOffset.UtcNow.AddYears(1), "secret");
        var options = form == "pem" ? new SigningOptions { CertificatePath = chain, KeyPath = key } : new SigningOptions { CertificatePath = p12, Password = "secret" };
        var signer = new AdvisorySigner(Options.Create(options), _time);
        Assert.Equal("CN=CEPTOAR, O=NetOps test", signer.Certificate!.Subject);
        var message = Mail();
        signer.Sign(message);

        var carried = Cms(message).Certificates.Select(c => c.Subject).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["CN=CEPTOAR, O=NetOps test", "CN=NetOps test issuing CA"], carried);
        var file = Write(message, "chain.eml");
        var cms = await OpensslVerifyAsync(file, root);
        Assert.True(cms.ExitCode == 0, cms.Output);
        var smime = await OpensslAsync("smime", "-verify", "-in", file, "-CAfile", root, "-purpose", "any", "-out", "/dev/null");
        Assert.True(smime.ExitCode == 0, smime.Output);
        Assert.True(MimeKitVerifies(Load(file), root));
    }

    [Fact]
    public async Task An_ISO_2022_JP_advisory_stays_7bit_when_signed_and_verifies_with_openssl_and_MimeKit()
    {
        var (ca, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        var draft = AdvisoryMailCharsetTests.Draft();
        var to = AdvisoryMailCharsetTests.To(NetOps.Ceptoar.Directory.ContactCharsets.Iso2022Jp);
        var message = AdvisoryMail.Compose(7, draft, to, new MailboxAddress("", "ceptoar@netops.example.lg.jp"), DateTimeOffset.UtcNow).Message;
        signer.Sign(message);
        var file = Write(message, "iso.eml");
        var raw = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.True(raw.All(b => b < 0x80), "7-bit");
        Assert.True(AdvisoryMailCharsetTests.HasJisEscape(raw), "ESC $ B in the signed body");

        var verified = await OpensslVerifyAsync(file, ca);
        Assert.True(verified.ExitCode == 0, verified.Output);
        var loaded = Load(file);
        Assert.True(MimeKitVerifies(loaded, ca));
        Assert.Equal("[CEPTOAR][緊急] " + AdvisoryMailCharsetTests.JapaneseTitle, loaded.Subject);
        var part = Assert.IsType<TextPart>(Assert.IsType<MultipartSigned>(loaded.Body)[0]);
        Assert.Equal("iso-2022-jp", part.ContentType.Charset, ignoreCase: true);
        Assert.Equal(ContentEncoding.SevenBit, part.ContentTransferEncoding);
        Assert.Equal(AdvisoryMail.BodyText(7, draft, to).ReplaceLineEndings("\n"), part.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Mails_signed_from_several_threads_at_once_all_verify()
    {
        var (_, cert, key) = MakeCertificates(DateTimeOffset.UtcNow.AddYears(1));
        var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = cert, KeyPath = key }), _time);
        var messages = Enumerable.Range(0, 64).Select(_ => Mail()).ToArray();
        Parallel.ForEach(messages, new ParallelOptions { MaxDegreeOfParallelism = 8 }, signer.Sign);
        foreach (var message in messages)
        {
            var info = Assert.Single(Cms(message).SignerInfos.Cast<SignerInfo>());
            info.CheckSignature(verifySignatureOnly: true);
            Assert.Single(info.SignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.5");
        }
    }
}
