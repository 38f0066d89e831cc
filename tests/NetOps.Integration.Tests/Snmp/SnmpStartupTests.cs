using System.Net;
using System.Net.Sockets;
using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>Bad SNMP configuration stops NetOps at start, naming the key (and never printing a secret).</summary>
public sealed class SnmpStartupTests
{
    [Theory]
    [InlineData("--Collector:Snmp:Credentials:core:Version=3", "Collector:Snmp:Credentials:core:User is required for a version 3 credential")]
    [InlineData("--Collector:Snmp:Credentials:noc:Version=2c", "Collector:Snmp:Credentials:noc:Community is required")]
    [InlineData("--Collector:Snmp:Credentials:noc:Version=1", "Collector:Snmp:Credentials:noc:Version '1' is neither 2c nor 3")]
    [InlineData("--Collector:Snmp:TrapPort=70000", "Collector:Snmp:TrapPort")]
    [InlineData("--Collector:Snmp:MaxConcurrentPolls=0", "Collector:Snmp:MaxConcurrentPolls")]
    [InlineData("--Collector:Snmp:BindAddress=anywhere", "Collector:Snmp:BindAddress")]
    [InlineData("--Collector:Snmp:Sharding=zones", "Collector:Snmp:Sharding 'zones' is neither index nor members")]
    [InlineData("--Collector:Snmp:HeartbeatSeconds=0", "Collector:Snmp:HeartbeatSeconds")]
    public async Task A_bad_snmp_setting_stops_the_process_and_names_the_key(string setting, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, setting, "--Collector:Snmp:Credentials:core:AuthKey=s3cret-auth-key");
        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(expected, process.Output);
        Assert.DoesNotContain("s3cret-auth-key", process.Output);
    }

    [Fact]
    public async Task A_device_naming_an_unconfigured_credential_stops_the_process_naming_the_device_and_the_key()
    {
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var inventory = Path.Combine(dir, "inventory.json");
        new SiteInventory(
        [
            new Site { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" },
            new Site { Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000",
                Devices = [new Device { Name = "shimonoseki-rt1", Addresses = ["127.0.0.1"], Snmp = new DeviceSnmp { Credential = "noc" } }] },
        ]).Save(inventory);
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", Path.Combine(dir, "data"), null, null, $"--Inventory:Path={inventory}",
            "--Collector:Snmp:Credentials:other:Community=ro-secret");
        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("device shimonoseki-rt1 (site 352012): snmp.credential 'noc' is not configured", process.Output);
        Assert.Contains("Collector:Snmp:Credentials:noc", process.Output);
        Assert.DoesNotContain("ro-secret", process.Output);
    }

    [Fact]
    public async Task A_trap_port_already_taken_stops_the_process_and_names_the_key()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, $"--Collector:Snmp:TrapPort={port}");
        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Collector:Snmp:TrapPort {port}/udp", process.Output);
    }
}
