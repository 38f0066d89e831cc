using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using NetOps.Bench.Ingest;
using NetOps.Ceptoar.Signing;

namespace NetOps.Bench.Ceptoar;

/// <summary>
/// Mails/s into Postfix's <c>smtp-sink</c> on 127.0.0.1 over one connection: NetOps composing, signing and sending
/// with MailKit (signed and, for the cost of signing, unsigned; TCP_NODELAY, and once as OutboxSender connects now)
/// beside <c>smtp-source</c>, Postfix's own load generator, sending the same count of messages of the same size to
/// the same sink.
/// </summary>
public static class SmtpSinkComparison
{
    public sealed record Row(string Name, int Mails, double Seconds)
    {
        public double MailsPerSecond => Mails / Seconds;
    }

    public static async Task<IReadOnlyList<Row>?> RunAsync(int count, AdvisoryMailFactory mails, AdvisorySigner signer, long mailBytes, string dir, CancellationToken cancellationToken)
    {
        string? sink = Executables.Find("smtp-sink"), source = Executables.Find("smtp-source");
        if (sink is null || source is null)
        {
            Console.Error.WriteLine("bench ceptoar: smtp-sink or smtp-source not found (Debian package postfix; ./netops ensure_deps bench): no SMTP figures");
            return null;
        }
        int port = new PortAllocator().Next();
        // As root smtp-sink must be told whose privileges to drop to once its socket is open.
        string[] privileges = Environment.UserName == "root" ? ["-u", "nobody"] : [];
        await using var child = ChildProcess.Start("smtp-sink", sink, [.. privileges, "-c", $"127.0.0.1:{port}", "100"], Path.Combine(dir, "smtp-sink.log"));
        if (!await ListeningAsync(port, TimeSpan.FromSeconds(5), cancellationToken))
        {
            Console.Error.WriteLine($"bench ceptoar: smtp-sink did not listen on 127.0.0.1:{port}: {child.Tail(5)}");
            return null;
        }

        // JIT and the first connection out of the figures.
        await SendAsync(port, 50, mails, signer, noDelay: true, cancellationToken);
        // MailKit leaves Nagle on, as OutboxSender connects today: then a signed mail (some 5 KB; an unsigned 3 KB one
        // does not) waits for the sink's delayed ACK, some 40 ms a mail. That row gets fewer mails to keep the run short.
        int stalled = Math.Min(count, 50);
        var rows = new List<Row>
        {
            new("smtp-source -s 1 -d (Postfix)", count, await SmtpSourceAsync(source, port, count, mailBytes, cancellationToken)),
            new("NetOps compose + send, unsigned, TCP_NODELAY", count, await SendAsync(port, count, mails, null, noDelay: true, cancellationToken)),
            new("NetOps compose + sign + send, TCP_NODELAY", count, await SendAsync(port, count, mails, signer, noDelay: true, cancellationToken)),
            new("NetOps compose + sign + send, Nagle on", stalled, await SendAsync(port, stalled, mails, signer, noDelay: false, cancellationToken)),
        };
        return rows;
    }

    private static async Task<double> SendAsync(int port, int count, AdvisoryMailFactory mails, AdvisorySigner? signer, bool noDelay, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 10_000 };
        if (noDelay)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None, cancellationToken);
        }
        else await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, cancellationToken);
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            var message = mails.Build(i);
            signer?.Sign(message);
            await client.SendAsync(message, cancellationToken);
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await client.DisconnectAsync(true, cancellationToken);
        return seconds;
    }

    private static async Task<double> SmtpSourceAsync(string source, int port, int count, long mailBytes, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(source) { RedirectStandardOutput = true, RedirectStandardError = true };
        // -d: one connection for all messages, as NetOps sends here; -l: the payload size of a signed advisory mail.
        foreach (var a in new[] { "-s", "1", "-d", "-m", count.ToString(CultureInfo.InvariantCulture), "-l", mailBytes.ToString(CultureInfo.InvariantCulture),
                     "-f", AdvisoryMailFactory.From, "-t", "joho@city.example.lg.jp", $"127.0.0.1:{port}" })
            info.ArgumentList.Add(a);
        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start smtp-source");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await stdout;
        await process.WaitForExitAsync(cancellationToken);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"smtp-source exited {process.ExitCode}: {stderr.Trim()}");
        return seconds;
    }

    private static async Task<bool> ListeningAsync(int port, TimeSpan within, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < within)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        return false;
    }
}
