using System.Net;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Syslog;

/// <summary>What arrived more than the durability bound before a SIGKILL is stored exactly once after restart.</summary>
public sealed class KillNineTests
{
    [Fact]
    public async Task Messages_received_while_influxdb_is_down_survive_sigkill_and_are_stored_exactly_once()
    {
        var dir = Directory.CreateTempSubdirectory("netops-kill9-").FullName;
        await using var influx = await InfluxServer.StartNewAsync();
        await influx.StopAsync();
        var inventory = TestInventory.Write(dir);
        var data = Path.Combine(dir, "data");
        int port = TestPorts.Next();
        const int N = 2000;
        var run = Guid.NewGuid().ToString("N")[..8];

        var first = await NetOpsProcess.StartAsync(influx.Url, data, port, $"--Inventory:Path={inventory}");
        // Distinct events with the same second-resolution timestamp: the writer must keep every one.
        Peers.SendUdp(IPAddress.Loopback, port, Enumerable.Range(0, N).Select(i =>
            $"<187>Nov 23 10:00:00 shimonoseki-rt1 {i}: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down k9-{run}-{i:00000}"));
        await WaitAsync(async () => await first.MetricAsync("netops_syslog_messages_total", ("transport", "udp"), ("outcome", "parsed")) >= N, "all parsed");
        // The durability bound is FlushIntervalMs (200 ms here) plus the disk write; on a loaded CI machine an fsync
        // can take longer, so wait for the spool itself to hold every point rather than for a fixed time.
        var spool = Path.Combine(data, "spool");
        await WaitAsync(() => Task.FromResult(SpooledPoints(spool) >= N), "all spooled");
        first.Kill9();

        await influx.StartAsync();
        await using var second = await NetOpsProcess.StartAsync(influx.Url, data, port, $"--Inventory:Path={inventory}");

        var query = new InfluxQuery(influx.Url);
        var stored = await query.WaitForAsync($"SELECT count(message) FROM event WHERE message =~ /k9-{run}-/", N, TimeSpan.FromSeconds(120));
        Assert.Equal(N, stored);
        await Task.Delay(2000); // a duplicate replay would show up now
        var rows = await query.RowsAsync($"SELECT message FROM event WHERE message =~ /k9-{run}-/");
        Assert.Equal(N, rows.Count);
        Assert.Equal(N, rows.Select(r => r["message"].GetString()).Distinct().Count());
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    /// <summary>Points in finished spool files (named <c>{sequence}-{points}.lp[.gz]</c>); temporary files do not count.</summary>
    private static long SpooledPoints(string spool) =>
        !Directory.Exists(spool) ? 0 : Directory.EnumerateFiles(spool)
            .Select(Path.GetFileName)
            .Where(n => n!.Contains(".lp", StringComparison.Ordinal) && !n.EndsWith(".tmp", StringComparison.Ordinal))
            .Sum(n => long.TryParse(n!.Split('-', '.')[1], out var points) ? points : 0);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(100);
        }
    }
}
