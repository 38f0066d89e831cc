using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Collector.Syslog;
using NetOps.Core.Metrics;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Syslog;

/// <summary>The TCP listener against a real client socket on 127.0.0.1, with the queue read by the test.</summary>
public sealed class SyslogStreamListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_graceful_stop_puts_every_frame_already_read_into_the_queue_even_while_the_queue_is_full()
    {
        var options = Options.Create(new SyslogOptions { Port = TestPorts.Next(), Udp = false, QueueCapacity = 16 });
        var metrics = new SyslogMetrics(new NetOpsMetrics());
        var queue = new SyslogQueue(options, metrics);
        using var listener = new SyslogStreamListener(options, queue, metrics, TimeProvider.System, NullLogger<SyslogStreamListener>.Instance);
        await listener.StartAsync(Ct);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, options.Value.Port), Ct);
        var frames = string.Concat(Enumerable.Range(0, 100).Select(i => $"<13>Nov 23 10:00:00 rt1 app: frame {i:D3}\n"));
        await client.SendAsync(Encoding.ASCII.GetBytes(frames), Ct); // 4.1 kB: one read; the connection stays open
        using (var full = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            full.CancelAfter(TimeSpan.FromSeconds(30));
            while (queue.Count < 16) await Task.Delay(10, full.Token); // the listener now waits on the full queue
        }

        // The host stops the listeners first; the processor, still running, keeps draining the queue meanwhile.
        var stopped = listener.StopAsync(CancellationToken.None);
        var received = new List<string>();
        while (!stopped.IsCompleted || queue.Count > 0)
        {
            while (queue.TryRead(out var m)) { received.Add(Encoding.ASCII.GetString(m.Span)); m.Return(); }
            await Task.Delay(5, Ct);
        }
        await stopped;

        Assert.Equal(100, metrics.Value(SyslogTransport.Tcp, SyslogOutcome.Received));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"<13>Nov 23 10:00:00 rt1 app: frame {i:D3}"), received);
    }

    [Fact]
    public async Task Every_accepted_connection_has_tcp_keepalive_armed_at_60_seconds_so_a_vanished_device_frees_its_slot()
    {
        var options = Options.Create(new SyslogOptions { Port = TestPorts.Next(), Udp = false });
        var metrics = new SyslogMetrics(new NetOpsMetrics());
        var queue = new SyslogQueue(options, metrics);
        using var listener = new SyslogStreamListener(options, queue, metrics, TimeProvider.System, NullLogger<SyslogStreamListener>.Instance);
        await listener.StartAsync(Ct);
        try
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, options.Value.Port), Ct);
            await client.SendAsync("<13>Nov 23 10:00:00 rt1 app: hello\n"u8.ToArray(), Ct);
            await WaitAsync(() => queue.Count >= 1); // accepted and served: the options are set by now

            // The kernel's view of the server's end (local port = the listener's): timer 2 is keepalive, and its
            // expiry (clock ticks, USER_HZ 100) is within the 60 s idle time we set, not the 7,200 s system default.
            var (timer, ticks) = ServerSideTimer(options.Value.Port, ((IPEndPoint)client.LocalEndPoint!).Port);
            Assert.Equal(2, timer);
            Assert.InRange(ticks, 1, 60 * 100);
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Tcp_and_tls_have_separate_connection_pools_so_a_full_tcp_pool_does_not_lock_tls_senders_out()
    {
        var dir = Directory.CreateTempSubdirectory("netops-tls-pool-");
        try
        {
            var certificate = Path.Combine(dir.FullName, "syslog.p12");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                await File.WriteAllBytesAsync(certificate, self.Export(X509ContentType.Pkcs12, "test"), Ct);
            }
            var options = Options.Create(new SyslogOptions
            {
                Port = TestPorts.Next(), Udp = false, MaxConnections = 1,
                Tls = new SyslogTlsOptions { Port = TestPorts.Next(), CertificatePath = certificate, Password = "test", MaxConnections = 1 },
            });
            var metrics = new SyslogMetrics(new NetOpsMetrics());
            var queue = new SyslogQueue(options, metrics);
            using var listener = new SyslogStreamListener(options, queue, metrics, TimeProvider.System, NullLogger<SyslogStreamListener>.Instance);
            await listener.StartAsync(Ct);
            try
            {
                using var tcp = await TcpAsync(options.Value.Port);
                await tcp.SendAsync("<13>Nov 23 10:00:00 rt1 app: tcp one\n"u8.ToArray(), Ct);
                await WaitAsync(() => queue.Count >= 1);

                // The one TCP slot is taken; a TLS sender still gets in, and its message arrives.
                using var tls = await TlsAsync(options.Value.Tls.Port);
                const string message = "<13>Nov 23 10:00:01 rt1 app: tls one";
                await tls.Stream.WriteAsync(Encoding.ASCII.GetBytes($"{message.Length} {message}"), Ct); // octet-counted, as RFC 5425 frames
                await tls.Stream.FlushAsync(Ct);
                await WaitAsync(() => queue.Count >= 2);

                // A second sender of either kind is refused by its own pool's limit.
                using var tcp2 = await TcpAsync(options.Value.Port);
                Assert.Equal(0, await ReadOrEndAsync(tcp2));
                await Assert.ThrowsAnyAsync<Exception>(async () =>
                {
                    using var tls2 = await TlsAsync(options.Value.Tls.Port);
                    if (await tls2.Stream.ReadAsync(new byte[1], Ct) == 0) throw new IOException("closed by the server");
                });
                Assert.Equal(2, metrics.RejectedConnections.WithLabels("limit").Value);

                var received = new List<string>();
                while (queue.TryRead(out var m)) { received.Add(Encoding.ASCII.GetString(m.Span)); m.Return(); }
                Assert.Equal(["<13>Nov 23 10:00:00 rt1 app: tcp one", "<13>Nov 23 10:00:01 rt1 app: tls one"], received);
            }
            finally
            {
                await listener.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<Socket> TcpAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Ct);
        return socket;
    }

    private sealed class TlsClient(TcpClient tcp, SslStream stream) : IDisposable
    {
        public SslStream Stream { get; } = stream;

        public void Dispose()
        {
            Stream.Dispose();
            tcp.Dispose();
        }
    }

    private static async Task<TlsClient> TlsAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
        var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, timeout.Token);
        }
        catch
        {
            ssl.Dispose();
            tcp.Dispose();
            throw;
        }
        return new TlsClient(tcp, ssl);
    }

    /// <summary>Bytes read before the server closes the connection (0: closed at once), within 20 s.</summary>
    private static async Task<int> ReadOrEndAsync(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
        }
        catch (SocketException)
        {
            return 0; // reset: refused as well
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }

    /// <summary>The timer kind and its expiry in clock ticks of the established socket 127.0.0.1:<paramref name="localPort"/> ↔ :<paramref name="remotePort"/>, from /proc/net/tcp(6).</summary>
    private static (int Timer, long Ticks) ServerSideTimer(int localPort, int remotePort)
    {
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 6 || f[3] != "01") continue; // ESTABLISHED
                if (!f[1].EndsWith($":{localPort:X4}", StringComparison.Ordinal) || !f[2].EndsWith($":{remotePort:X4}", StringComparison.Ordinal)) continue;
                var timer = f[5].Split(':');
                return (int.Parse(timer[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(timer[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
        Assert.Fail($"no established socket 127.0.0.1:{localPort} <-> :{remotePort} in /proc/net/tcp");
        return default;
    }
}
