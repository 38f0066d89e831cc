using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MultipartSigned = MimeKit.Cryptography.MultipartSigned;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Signing;
using NetOps.Testing;

namespace NetOps.Ceptoar.Tests.Signing;

/// <summary>S/MIME signatures checked by a real verifier: <c>openssl cms -verify</c> against the CA.</summary>
public sealed class AdvisorySignerTests : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("netops-signing-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        try { System.IO.Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private (string Ca, string Cert, string Key) MakeCertificates(DateTimeOffset notAfter) => TestCertificates.SigningPem(_dir, notAfter);

    private static MimeMessage Mail()
    {
        var to = new AdvisoryMail.Recipient("joho@city.example.jp", "352012", "下関市", MessageIds.For(1, "joho@city.example.jp"), "http://127.0.0.1/ack/advisory/T", DateTimeOffset.UtcNow.AddDays(30));
        return AdvisoryMail.Build(1, new AdvisoryDraft("VPN 装置の脆弱性", "直ちに更新してください。", AdvisorySeverity.Urgent, TrafficLightProtocol.Clear, "NISC", [], [], []),
            to, new MailboxAddress("", "ceptoar@netops.example.lg.jp"), DateTimeOffset.UtcNow);
    }

    private static async Task<(int ExitCode, string Output)> OpensslVerifyAsync(string file, string ca)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "cms", "-verify", "-in", file, "-CAfile", ca, "-out", "/dev/null" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
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
}
