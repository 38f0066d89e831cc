using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

using Found = NetOps.Integration.Tests.Support.DetectionsApi.Found;

namespace NetOps.Integration.Tests.Analysis;

/// <summary>
/// The faults besides a clean failover, through the real collector: both lines of a site lost (an outage), and a
/// primary line that goes down and up again and again (flapping: one detection, not one per change).
/// </summary>
public sealed class LineFaultTests
{
    private const string Site = "352012";

    [Fact]
    public async Task Both_lines_down_is_one_outage_and_the_site_is_down()
    {
        await using var run = await LineRun.StartAsync();
        using var rt1 = Router("127.0.0.1");
        await run.LogAsync(rt1, "201: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");
        await Task.Delay(1100);
        await run.LogAsync(rt1, "202: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down");

        var found = await run.WaitForAsync(d => d.Any(x => x.Kind == "outage"), TimeSpan.FromSeconds(30));
        var outage = Assert.Single(found, d => d.Kind == "outage");
        Assert.Contains("link_down", outage.EvidenceKinds);
        Assert.Equal("down", (await run.SiteAsync()).GetProperty("state").GetString());
        // The outage is also a failover that never carried: that one failover_started, and no second outage.
        await Task.Delay(1500);
        var again = await run.DetectionsAsync();
        Assert.Single(again, d => d.Kind == "outage");
        Assert.DoesNotContain(again, d => d.Kind == "backup_carrying");
    }

    [Fact]
    public async Task A_flapping_primary_is_reported_once_and_the_site_is_degraded()
    {
        await using var run = await LineRun.StartAsync();
        using var rt1 = Router("127.0.0.1");
        for (int i = 0; i < 5; i++)
        {
            await run.LogAsync(rt1, $"{300 + 2 * i}: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down");
            await Task.Delay(1100); // syslog times are whole seconds: one change per second keeps their order
            await run.LogAsync(rt1, $"{301 + 2 * i}: %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up");
            await Task.Delay(1100);
        }

        var found = await run.WaitForAsync(d => d.Any(x => x.Kind == "flapping"), TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // later changes must not report it again
        found = await run.DetectionsAsync();
        var flapping = Assert.Single(found, d => d.Kind == "flapping");
        Assert.True(flapping.EvidenceKinds.Count(k => k is "link_down" or "link_up") >= 4, string.Join(", ", flapping.EvidenceKinds));
        // Failovers until the line was known to flap (FlapCount=4 changes: two down/up cycles), none after.
        Assert.InRange(found.Count(d => d.Kind == "failover_started"), 1, 2);
        Assert.Equal("degraded", (await run.SiteAsync()).GetProperty("state").GetString());
    }

    private static UdpClient Router(string address) => new(new IPEndPoint(IPAddress.Parse(address), 0));

    /// <summary>One NetOps (collector and analyzer in one process) on its own InfluxDB, and an operator's token.</summary>
    private sealed class LineRun : IAsyncDisposable
    {
        private InfluxServer _influx = null!;
        private NetOpsProcess _netOps = null!;
        private DetectionsApi _api = null!;

        public static async Task<LineRun> StartAsync()
        {
            var run = new LineRun { _influx = await InfluxServer.StartNewAsync() };
            var dir = Directory.CreateTempSubdirectory("netops-line-").FullName;
            string[] inventory = [$"--Inventory:Path={TestInventory.Write(dir)}"];
            var token = await NetOpsCli.UserWithTokenAsync(dir, "noc", "operator", extra: inventory);
            run._netOps = await NetOpsProcess.StartAsync(run._influx.Url, dir, null, [.. inventory, "--Analyzer:Failover:SilenceSeconds=0"]);
            run._api = new DetectionsApi(run._netOps, token, Site);
            return run;
        }

        public Task LogAsync(UdpClient router, string text) =>
            router.SendAsync(Encoding.UTF8.GetBytes($"<187>{DateTime.UtcNow:MMM dd HH:mm:ss} shimonoseki-rt1 {text}"),
                new IPEndPoint(IPAddress.Loopback, _netOps.SyslogPort)).AsTask();

        public Task<List<Found>> WaitForAsync(Func<List<Found>, bool> done, TimeSpan timeout) => _api.WaitForAsync(done, timeout);

        public Task<List<Found>> DetectionsAsync() => _api.DetectionsAsync();

        public Task<JsonElement> SiteAsync() => _api.SiteAsync();

        public async ValueTask DisposeAsync()
        {
            await _netOps.DisposeAsync();
            await _influx.DisposeAsync();
        }
    }
}
