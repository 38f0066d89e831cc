using System.Globalization;
using System.Net;
using NetOps.Analyzer.Attacks;
using NetOps.Core.Detections;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Attacks;

/// <summary>
/// Syslog from the test inventory's devices → a real NetOps process (the collector's syslog path: parser, vendor
/// normaliser, firewall counter, writer) → a real InfluxDB → the brute-force and deny-surge detectors.
/// </summary>
public sealed class AttackSyslogTests(SharedInfluxFixture influx) : IClassFixture<SharedInfluxFixture>, IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-attack-syslog-").FullName;
    private readonly string _database = influx.NewDatabaseName("attack_syslog");
    private NetOpsProcess _netops = null!;
    private InfluxQuery _query = null!;

    public async ValueTask InitializeAsync()
    {
        _query = new InfluxQuery(influx.Url, _database);
        _netops = await NetOpsProcess.StartAsync(influx.Url, Path.Combine(_dir, "data"), null,
            $"--Inventory:Path={TestInventory.Write(_dir)}", $"--Influx:Database={_database}");
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>Polls until <paramref name="influxQl"/>'s first value reaches <paramref name="expected"/>.</summary>
    private async Task WaitCountAsync(string influxQl, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            var rows = await _query.RowsAsync(influxQl);
            seen = rows.Count == 0 ? 0 : (long)rows[0].Values.Last().GetDouble();
            if (seen >= expected) return;
            await Task.Delay(250);
        }
        Assert.Fail($"{influxQl}: {seen} of {expected} after 60 s\n{_netops.Output}");
    }

    private async Task<(DateTimeOffset First, DateTimeOffset Last)> SpanAsync(string influxQl)
    {
        var rows = await _query.RowsAsync(influxQl);
        var times = rows.Select(r => NetOps.Core.Influx.Point.FromNanoseconds(r["time"].GetInt64())).ToList();
        return (times.Min(), times.Max());
    }

    private static List<Detection> Print(List<Detection> detections)
    {
        foreach (var d in detections) TestContext.Current.TestOutputHelper?.WriteLine($"{d.Time:o} {d.Kind.ToTag()} score {d.Score:0.0}: {d.Message}");
        return detections;
    }

    [Fact]
    public async Task Sixty_failed_logins_at_one_router_are_one_brute_force_naming_the_router_and_the_attacker()
    {
        var now = DateTimeOffset.UtcNow;
        var lines = Enumerable.Range(0, 60).Select(i =>
        {
            var t = now.AddMilliseconds(i * 50);
            string user = i % 3 == 0 ? "root" : "admin";
            return string.Create(CultureInfo.InvariantCulture,
                $"<36>1 {t:yyyy-MM-ddTHH:mm:ss.fffZ} shimonoseki-rt1 ios - - - %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: {user}] [Source: 203.0.113.66] [localport: 22] [Reason: Login Authentication Failed] at {t:HH:mm:ss} UTC");
        }).ToList();
        Peers.SendUdp(IPAddress.Parse("127.0.0.1"), _netops.SyslogPort, lines);
        await WaitCountAsync("SELECT count(message) FROM event WHERE kind = 'auth_fail'", 60);
        var (first, last) = await SpanAsync("SELECT message FROM event WHERE kind = 'auth_fail'");

        using var runner = new AttackRunner(influx.Url, _database);
        var found = Print(await runner.RunAsync(BruteForceDetector.DetectorName, AttackRunner.Minute(first).AddMinutes(-5), AttackRunner.Minute(last).AddMinutes(5), TimeSpan.FromMinutes(5)));

        var d = Assert.Single(found);
        Assert.Equal(DetectionKind.BruteForce, d.Kind);
        Assert.Equal("brute_force", d.Detector);
        Assert.Equal("352012", d.Site);
        Assert.InRange(d.Value!.Value, 20, 60);
        Assert.Equal(20, d.Expected); // cold start: the floor
        Assert.Contains("on shimonoseki-rt1 from 203.0.113.66", d.Message);
        var evidence = Assert.Single(d.Evidence, e => e.Source == "event");
        Assert.Equal("auth_fail", evidence.Kind);
        Assert.Equal("shimonoseki-rt1", evidence.Device);
        Assert.Contains("203.0.113.66", evidence.Detail);
        Assert.Contains("admin, root", evidence.Detail);
        Assert.Equal(first, d.Time, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_burst_of_1500_firewall_denies_is_one_deny_surge_on_the_firewall()
    {
        var now = DateTimeOffset.UtcNow;
        var lines = Enumerable.Range(0, 1500).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"<189>date={now:yyyy-MM-dd} time={now:HH:mm:ss} devname=\"shimonoseki-fw1\" devid=\"FGT60F0000000001\" eventtime={now.ToUnixTimeMilliseconds() * 1_000_000} tz=\"+0000\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=198.51.100.{i % 250} srcport={40000 + i} srcintf=\"wan1\" srcintfrole=\"wan\" dstip=10.35.1.{i % 200} dstport=445 dstintf=\"port1\" dstintfrole=\"lan\" sessionid={1000 + i} proto=6 action=\"deny\" policyid=0 policytype=\"policy\" service=\"SMB\" trandisp=\"noop\" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0")).ToList();
        Peers.SendUdp(IPAddress.Parse("127.0.0.3"), _netops.SyslogPort, lines);
        await WaitCountAsync("SELECT sum(count) FROM firewall WHERE action = 'deny'", 1500);
        var (first, last) = await SpanAsync("SELECT count FROM firewall WHERE action = 'deny'");

        using var runner = new AttackRunner(influx.Url, _database);
        var found = Print(await runner.RunAsync(DenySurgeDetector.DetectorName, AttackRunner.Minute(first).AddMinutes(-5), AttackRunner.Minute(last).AddMinutes(5), TimeSpan.FromMinutes(5)));

        Assert.NotEmpty(found);
        Assert.True(found.Count <= 2, string.Join(" | ", found.Select(f => f.Message))); // a minute boundary may split it across windows
        Assert.All(found, d =>
        {
            Assert.Equal(DetectionKind.DenySurge, d.Kind);
            Assert.Equal("352012", d.Site);
            Assert.True(d.Value >= 5, d.Message);
            Assert.Contains("most on shimonoseki-fw1", d.Message);
            Assert.Contains(d.Evidence, e => e.Source == "firewall" && e.Kind == "deny" && e.Device == "shimonoseki-fw1");
        });
        Assert.InRange(found.Sum(d => d.Evidence.Where(e => e.Source == "firewall").Sum(e => e.Value!.Value)), 1200, 1500);
    }
}
