using System.Diagnostics;
using NetOps.Bench.Ingest;

namespace NetOps.Bench.Alerting;

/// <summary>
/// A real SMTP server for the bench: aiosmtpd (<c>timed_smtp_sink.py</c> beside this file, Debian python3-aiosmtpd),
/// which logs the time it accepted each message, so a page's latency ends where the mail is taken, not where the
/// harness happens to look.
/// </summary>
public sealed class TimedSmtpSink : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _log;

    private TimedSmtpSink(ChildProcess process, int port, string log)
    {
        _process = process;
        Port = port;
        _log = log;
    }

    public int Port { get; }

    public static async Task<TimedSmtpSink> StartAsync(string repositoryRoot, string directory, PortAllocator ports, ChildProcessSet children,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        int port = ports.Next();
        var script = Path.Combine(repositoryRoot, "bench", "Alerting", "timed_smtp_sink.py");
        var log = Path.Combine(directory, "accepted.tsv");
        // Debian's interpreter, which has python3-aiosmtpd; a python3 earlier on PATH (pyenv) may not.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var process = children.Start("aiosmtpd", python, [script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--log", log],
            Path.Combine(directory, "smtp.log"));
        var sink = new TimedSmtpSink(process, port, log);
        var waited = Stopwatch.StartNew();
        while (!process.Tail(5).Contains("READY", StringComparison.Ordinal))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                var tail = process.Tail(20);
                await sink.DisposeAsync();
                throw new PeerStartException($"timed_smtp_sink.py did not say READY (is python3-aiosmtpd installed? ./netops ensure_deps test):\n{tail}");
            }
            await Task.Delay(50, cancellationToken);
        }
        return sink;
    }

    /// <summary>Every message accepted so far, in the order the server took them.</summary>
    public IReadOnlyList<AcceptedMail> Accepted()
    {
        if (!File.Exists(_log)) return [];
        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        // A line without its newline is still being written.
        var complete = text.LastIndexOf('\n') is var end and >= 0 ? text[..end] : "";
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(AcceptedMail.Parse).OfType<AcceptedMail>().ToList();
    }

    /// <summary>Polls until <paramref name="done"/> holds for the mails accepted so far; null after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<AcceptedMail>?> WaitAsync(Func<IReadOnlyList<AcceptedMail>, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            var mails = Accepted();
            if (done(mails)) return mails;
            await Task.Delay(20, cancellationToken);
        }
        return null;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
