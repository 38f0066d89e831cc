using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using NetOps.Ceptoar.Signing;
using MultipartSigned = MimeKit.Cryptography.MultipartSigned;

namespace NetOps.Bench.Ceptoar;

/// <summary>
/// <c>bench ceptoar [--mails N] [--old-mails N] [--smtp-mails N] [--no-smtp]</c>: S/MIME signing time per advisory mail,
/// AdvisorySigner (SignedCms, OpenSSL) beside the MimeKit/BouncyCastle CmsSigner it replaced, with an RSA 2048
/// certificate made here; then mails/s into Postfix's smtp-sink beside smtp-source (see <see cref="SmtpSinkComparison"/>).
/// Exit 1 when the new signer's median is not under 2 ms a mail.
/// </summary>
public static class CeptoarBenchHarness
{
    private const string Usage = "usage: bench ceptoar [--mails N] [--old-mails N] [--smtp-mails N] [--no-smtp]";
    private const double TargetMs = 2.0;

    public static async Task<int> RunAsync(string[] args)
    {
        // The old signer costs some 24 ms a mail, so it gets fewer mails by default: the run stays within seconds.
        int mailCount = 2_000, oldCount = 200, smtpCount = 1_000;
        bool smtp = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mails" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0: mailCount = n; i++; break;
                case "--old-mails" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var o) && o > 0: oldCount = o; i++; break;
                case "--smtp-mails" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var s) && s > 0: smtpCount = s; i++; break;
                case "--no-smtp": smtp = false; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default: Console.Error.WriteLine($"bench ceptoar: unexpected '{args[i]}'\n{Usage}"); return 2;
            }
        }

        var dir = Directory.CreateTempSubdirectory("netops-bench-ceptoar-").FullName;
        try
        {
            var (certPath, keyPath) = MakeCertificate(dir);
            var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = certPath, KeyPath = keyPath }), TimeProvider.System);
            using var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var old = new BouncyCastleAdvisorySigner(certificate);
            var mails = new AdvisoryMailFactory();

            var runs = new[] { Measure("MimeKit/BouncyCastle CmsSigner (old)", oldCount, mails, old.Sign), Measure("SignedCms, OpenSSL (AdvisorySigner)", mailCount, mails, signer.Sign) };
            if (runs.Any(r => r is null)) return 1;
            var (before, after) = (runs[0]!, runs[1]!);
            Console.WriteLine(Render(runs!));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio old/new: p50 {before.Percentile(0.5) / after.Percentile(0.5):0.0}x, mean {before.MeanMs / after.MeanMs:0.0}x; signed mail {after.MailBytes:N0} bytes"));
            bool ok = after.Percentile(0.5) < TargetMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target p50 < {TargetMs} ms/mail: {(ok ? "yes" : "NO")} ({after.Percentile(0.5):0.000} ms)"));

            if (smtp)
            {
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                var rows = await SmtpSinkComparison.RunAsync(smtpCount, mails, signer, after.MailBytes, dir, bound.Token);
                if (rows is not null)
                {
                    Console.WriteLine();
                    Console.WriteLine($"{"into smtp-sink on 127.0.0.1, one connection",-46} {"mails",7} {"seconds",8} {"mails/s",9} {"vs smtp-source",15}");
                    foreach (var row in rows)
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{row.Name,-46} {row.Mails,7:N0} {row.Seconds,8:0.000} {row.MailsPerSecond,9:N0} {row.MailsPerSecond / rows[0].MailsPerSecond,14:0.000}x"));
                }
            }
            return ok ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>Signs <paramref name="count"/> mails one by one (composed beforehand, out of the timing) after a warm-up whose first mail must verify.</summary>
    private static SigningRun? Measure(string name, int count, AdvisoryMailFactory mails, Action<MimeMessage> sign)
    {
        for (int i = 0; i < 20; i++)
        {
            var warm = mails.Build(i);
            sign(warm);
            if (i == 0 && !Verifies(warm))
            {
                Console.Error.WriteLine($"bench ceptoar: {name}: the signed mail does not verify");
                return null;
            }
        }
        long composing = Stopwatch.GetTimestamp();
        var messages = Enumerable.Range(0, count).Select(mails.Build).ToArray();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench ceptoar: {name}: {count:N0} mails composed in {Stopwatch.GetElapsedTime(composing).TotalSeconds:0.00} s, signing"));
        var ms = new double[count];
        GC.Collect();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            sign(messages[i]);
            ms[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(ms);
        using var counter = new MemoryStream();
        messages[0].WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, counter);
        return new SigningRun(name, ms, allocated / (double)count, counter.Length);
    }

    /// <summary>The CMS over the first part's canonical bytes: signature only (the certificate is the harness's own).</summary>
    private static bool Verifies(MimeMessage message)
    {
        if (message.Body is not MultipartSigned { Count: 2 } signed || signed[1] is not MimePart { Content: { } signature }) return false;
        using var content = new MemoryStream();
        signed[0].WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, content);
        using var der = new MemoryStream();
        signature.DecodeTo(der);
        var cms = new SignedCms(new ContentInfo(content.ToArray()), detached: true);
        try
        {
            cms.Decode(der.ToArray());
            cms.CheckSignature(verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Render(IEnumerable<SigningRun> runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"S/MIME signing, ms/mail",-40} {"mails",6} {"p50",8} {"p90",8} {"p99",8} {"mean",8} {"mails/s",8} {"KB alloc",9}");
        foreach (var r in runs)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Name,-40} {r.Count,6:N0} {r.Percentile(0.5),8:0.000} {r.Percentile(0.9),8:0.000} {r.Percentile(0.99),8:0.000} {r.MeanMs,8:0.000} {1000 / r.MeanMs,8:N0} {r.AllocatedBytesPerMail / 1024,9:0.0}");
        return sb.ToString().TrimEnd();
    }

    /// <summary>A CA and an S/MIME signing certificate (RSA 2048, emailProtection) issued by it, as PEM files for <see cref="SigningOptions"/>.</summary>
    internal static (string Cert, string Key) MakeCertificate(string dir)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=NetOps bench CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CEPTOAR bench", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(AdvisoryMailFactory.From);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        var paths = (Path.Combine(dir, "signing.pem"), Path.Combine(dir, "signing.key"));
        File.WriteAllText(paths.Item1, cert.ExportCertificatePem());
        File.WriteAllText(paths.Item2, key.ExportPkcs8PrivateKeyPem());
        return paths;
    }
}
