using System.Globalization;
using System.Text;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Analysis;

/// <summary>
/// A degraded primary line from its interface counters (the <c>interface</c> points the SNMP poller writes), read by
/// the analyzer from InfluxDB as it does when it runs apart from the collector: erroring polls make the site degraded
/// with one detection; clean polls make it up again.
/// </summary>
public sealed class LineHealthTests
{
    private const string Site = "352012";

    [Fact]
    public async Task An_erroring_primary_interface_is_one_degraded_detection_and_clean_polls_bring_the_site_back_up()
    {
        await using var influx = await InfluxServer.StartNewAsync();
        var dir = Directory.CreateTempSubdirectory("netops-health-").FullName;
        string[] inventory = [$"--Inventory:Path={TestInventory.Write(dir)}"];
        var token = await NetOpsCli.UserWithTokenAsync(dir, "noc", "operator", extra: inventory);
        await using var netOps = await NetOpsProcess.StartAsync(influx.Url, dir, null,
            [.. inventory, "--Roles=analyzer,dashboard", "--Collector:Syslog:Port=0", "--Analyzer:Failover:Source=influx",
             "--Analyzer:Failover:SilenceSeconds=0", "--Analyzer:WindowSeconds=5", "--Analyzer:LagSeconds=2", "--Analyzer:RunEverySeconds=1",
             "--Analyzer:BackfillMinutes=2"]);
        var api = new DetectionsApi(netOps, token, Site);

        // 10 s polls: one clean, then two with 600 errors each (3,600 errors/min, above the default 30)
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-50);
        await WriteAsync(influx.Url, Poll(t0, 0), Poll(t0.AddSeconds(10), 600), Poll(t0.AddSeconds(20), 600));
        var degraded = await api.WaitForAsync(d => d.Any(x => x.Kind == "degraded"), TimeSpan.FromSeconds(40));
        var detection = Assert.Single(degraded, d => d.Kind == "degraded");
        Assert.Equal("primary", detection.Json.GetProperty("line").GetString());
        Assert.Equal(["errors", "errors"], detection.EvidenceKinds);
        await api.WaitForStateAsync("degraded", TimeSpan.FromSeconds(40));

        // three clean polls after those: healthy again, and still one detection
        var t1 = DateTimeOffset.UtcNow;
        await WriteAsync(influx.Url, Poll(t1, 0), Poll(t1.AddSeconds(1), 0), Poll(t1.AddSeconds(2), 0));
        await api.WaitForStateAsync("up", TimeSpan.FromSeconds(40));
        Assert.Single(await api.DetectionsAsync(), d => d.Kind == "degraded");
    }

    private static string Poll(DateTimeOffset at, long errors) => string.Create(CultureInfo.InvariantCulture,
        $"interface,site={Site},device=shimonoseki-rt1,ifname=Gi0/0,line=primary in_octets=120000i,out_octets=80000i,in_errors={errors}i,out_errors=0i,oper_up=true,speed_mbps=1000i {at.ToUnixTimeMilliseconds() * 1_000_000}");

    private static async Task WriteAsync(string influxUrl, params string[] lines)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{influxUrl}/write?db=netops&precision=ns", new StringContent(string.Join('\n', lines), Encoding.UTF8));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
