using System.Net;
using System.Net.Sockets;
using System.Text;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Syslog;

/// <summary>What a careless or hostile TCP sender can do to the syslog listener's connection slots.</summary>
public sealed class TcpConnectionLimitsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-tcp-").FullName;
    private NetOpsProcess _netops = null!;

    public async ValueTask InitializeAsync() =>
        // No InfluxDB is needed: these tests are about connections, not storage.
        _netops = await NetOpsProcess.StartAsync($"http://127.0.0.1:{TestPorts.Next()}", Path.Combine(_dir, "data"), null,
            "--Collector:Syslog:IdleTimeoutSeconds=2", "--Collector:Syslog:MaxConnectionsPerSource=2");

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private async Task<Socket> ConnectAsync(string source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _netops.SyslogPort));
        return socket;
    }

    /// <summary>True once the server has closed the connection (a read returns 0 or the socket is reset).</summary>
    private static async Task<bool> ClosedByServerAsync(Socket socket, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        try { return await socket.ReceiveAsync(new byte[16], cts.Token) == 0; }
        catch (SocketException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    [Fact]
    public async Task A_client_trickling_one_byte_at_a_time_is_closed_after_the_idle_timeout()
    {
        using var slowloris = await ConnectAsync("127.0.0.21");
        var closed = ClosedByServerAsync(slowloris, TimeSpan.FromSeconds(60));
        // A frame that never ends, one byte every 300 ms: always busy, never a message.
        var trickle = Task.Run(async () =>
        {
            try
            {
                await slowloris.SendAsync(Encoding.ASCII.GetBytes("60000 <13>"));
                while (!closed.IsCompleted) { await slowloris.SendAsync(new[] { (byte)'x' }); await Task.Delay(300); }
            }
            catch (SocketException) { }
        });
        Assert.True(await closed, "the server kept a connection that completed no message open past Collector:Syslog:IdleTimeoutSeconds");
        await trickle;
    }

    [Fact]
    public async Task Connections_beyond_the_per_source_cap_are_refused_and_counted_while_other_sources_get_in()
    {
        var before = await _netops.MetricAsync("netops_syslog_connections_rejected_total", ("reason", "per_source"));
        using var first = await ConnectAsync("127.0.0.22");
        using var second = await ConnectAsync("127.0.0.22");
        await first.SendAsync(Encoding.ASCII.GetBytes("<13>one\n"));
        await second.SendAsync(Encoding.ASCII.GetBytes("<13>two\n"));
        using var third = await ConnectAsync("127.0.0.22");

        Assert.True(await ClosedByServerAsync(third, TimeSpan.FromSeconds(30)), "a third connection from one source was kept");
        using var other = await ConnectAsync("127.0.0.23");
        await other.SendAsync(Encoding.ASCII.GetBytes("<13>other\n"));
        Assert.False(await ClosedByServerAsync(other, TimeSpan.FromSeconds(1)), "another source was refused");
        Assert.Equal(before + 1, await _netops.MetricAsync("netops_syslog_connections_rejected_total", ("reason", "per_source")));
    }
}
