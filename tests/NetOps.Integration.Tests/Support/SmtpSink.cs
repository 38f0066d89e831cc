using System.Diagnostics;
using MimeKit;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1 for a test: aiosmtpd (<c>smtp_sink.py</c> beside this file, Debian package
/// python3-aiosmtpd), writing each accepted message to <see cref="Directory"/>, refusing or deferring given recipients.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }
    public string Directory { get; }

    /// <param name="refuse">Recipients answered with the given reply (e.g. <c>550 5.1.1 user unknown</c>) at RCPT TO, every time.</param>
    /// <param name="deferOnce">Recipients answered 451 at RCPT TO the first time, then accepted.</param>
    public static async Task<SmtpSink> StartAsync(string directory, IReadOnlyDictionary<string, string>? refuse = null, IEnumerable<string>? deferOnce = null)
    {
        int port = TestPorts.Next();
        var script = Path.Combine(SharedData.RepositoryRoot, "tests", "NetOps.Integration.Tests", "Support", "smtp_sink.py");
        // Debian's interpreter, which has python3-aiosmtpd; a python3 earlier on PATH (pyenv) may not.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", directory }) psi.ArgumentList.Add(a);
        foreach (var (address, reply) in refuse ?? new Dictionary<string, string>()) { psi.ArgumentList.Add("--refuse"); psi.ArgumentList.Add($"{address}={reply}"); }
        foreach (var address in deferOnce ?? []) { psi.ArgumentList.Add("--defer-once"); psi.ArgumentList.Add(address); }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start python3");
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cts.Token);
            if (line is null || !line.StartsWith("READY", StringComparison.Ordinal))
                throw new InvalidOperationException($"smtp_sink.py did not start (is python3-aiosmtpd installed? ./netops ensure_deps test): {await stderr}");
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException("smtp_sink.py did not say READY within 30 s");
        }
        return new SmtpSink(process, port, directory);
    }

    /// <summary>The messages accepted so far (files that are complete).</summary>
    public IReadOnlyList<string> Files() => System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).ToList();

    public int Count => Files().Count;

    /// <summary>Each accepted message with the envelope recipients the server saw.</summary>
    public IReadOnlyList<(string EnvelopeTo, MimeMessage Message)> Messages() => Files().Select(f =>
    {
        using var stream = File.OpenRead(f);
        var first = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n') first.Add((byte)b);
        var envelope = System.Text.Encoding.ASCII.GetString(first.ToArray()).TrimEnd('\r')["X-Test-Envelope-To: ".Length..];
        return (envelope, MimeMessage.Load(stream));
    }).ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.StandardInput.Close(); } catch (IOException) { }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { _process.Kill(); }
        }
        _process.Dispose();
    }
}
