using NetOps.Testing;
using System.Net;
using System.Net.Sockets;
using NetOps.Integration.Tests.Support;

namespace NetOps.Integration.Tests.Hosting;

/// <summary>Bad configuration stops NetOps at start with the key's name.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("--Collector:Syslog:Port=70000", "Collector:Syslog:Port")]
    [InlineData("--Influx:Url=not a url", "Influx:Url")]
    [InlineData("--Inventory:Path=/nonexistent/inventory.json", "Inventory:Path")]
    [InlineData("--Collector:Syslog:BindAddress=localhost-ish", "Collector:Syslog:BindAddress")]
    [InlineData("--Dashboard:Url=ftp://x", "Dashboard:Url")]
    [InlineData("--Roles=collector,toaster", "Roles")]
    [InlineData("--Collector:NetFlow:Port=70000", "Collector:NetFlow:Port")]
    [InlineData("--Collector:Ipfix:Port=-5", "Collector:Ipfix:Port")]
    [InlineData("--Collector:Flows:BindAddress=everywhere", "Collector:Flows:BindAddress")]
    [InlineData("--Collector:Flows:AggregationSeconds=0", "Collector:Flows:AggregationSeconds")]
    [InlineData("--StateDb:Provider=mysql", "StateDb:Provider")]
    [InlineData("--StateDb:Provider=postgres", "StateDb:ConnectionString")]
    [InlineData("--Inventory:ReloadSeconds=0", "Inventory:ReloadSeconds")]
    [InlineData("--Auth:SignInAttemptsPerMinute=lots", "Auth:SignInAttemptsPerMinute")]
    [InlineData("--Auth:Oidc:Authority=http://idp.example", "Auth:Oidc:Authority")]
    [InlineData("--StateDb:MigrateOnStart=false", "StateDb:MigrateOnStart")]
    [InlineData("--Collector:Syslog:DefaultTimeZone=0900", "Collector:Syslog:DefaultTimeZone")]
    [InlineData("--Collector:Syslog:MaxMessageBytes=2000000", "Collector:Syslog:MaxMessageBytes")]
    [InlineData("--Analyzer:Failover:Source=sometimes", "Analyzer:Failover:Source")]
    [InlineData("--Analyzer:WindowSeconds=0", "Analyzer:WindowSeconds")]
    public async Task A_bad_setting_stops_the_process_and_names_the_key(string setting, string key)
    {
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, setting);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Contains(key, process.Output);
        // A setting that the options check can refuse is refused before the state DB is created, migrated or seeded.
        if (!key.StartsWith("StateDb:", StringComparison.Ordinal))
            Assert.False(File.Exists(Path.Combine(dir, "netops.db")), $"{setting}: the state DB was built before the setting was refused");
    }

    [Fact]
    public async Task An_in_memory_failover_source_without_the_collector_in_the_process_names_the_key()
    {
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, "--Roles=analyzer,dashboard", "--Analyzer:Failover:Source=memory");
        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Analyzer:Failover:Source=memory needs the collector", process.Output);
    }

    [Theory]
    [InlineData("Collector:Syslog:Port", "udp")]
    [InlineData("Collector:NetFlow:Port", "udp")]
    [InlineData("Collector:Syslog:Port", "tcp")]
    public async Task A_port_already_taken_stops_the_process_and_names_the_key(string key, string transport)
    {
        using var taken = transport == "udp"
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (transport == "tcp") taken.Listen();
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, $"--{key}={port}");
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Contains($"{key} {port}/{transport}", process.Output);
    }

    [Fact]
    public async Task Health_is_503_with_the_reason_when_influxdb_is_unreachable_and_metrics_are_served()
    {
        var dir = Directory.CreateTempSubdirectory("netops-health-").FullName;
        await using var process = await NetOpsProcess.StartAsync($"http://127.0.0.1:{TestPorts.Next()}", dir);
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(process.BaseUri, "health"));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("influx", (await response.Content.ReadAsStringAsync()).ToLowerInvariant());
        var metrics = await process.GetAsync("metrics");
        Assert.Contains("netops_syslog_messages_total", metrics);
        Assert.Contains("netops_influx_points_total", metrics);
        Assert.Contains("netops_spool_bytes", metrics);
    }
}
