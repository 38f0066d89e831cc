using System.Net;
using System.Net.Sockets;
using NetOps.Integration.Tests.Support;

namespace NetOps.Integration.Tests.Flows;

/// <summary>Bad flow settings stop NetOps at start with the key's name; a taken port too.</summary>
public sealed class FlowStartupTests
{
    [Theory]
    [InlineData("--Collector:NetFlow:Port=70000", "Collector:NetFlow:Port")]
    [InlineData("--Collector:Ipfix:Port=-5", "Collector:Ipfix:Port")]
    [InlineData("--Collector:Flows:BindAddress=everywhere", "Collector:Flows:BindAddress")]
    [InlineData("--Collector:Flows:AggregationSeconds=0", "Collector:Flows:AggregationSeconds")]
    public async Task A_bad_flow_setting_stops_the_process_and_names_the_key(string setting, string key)
    {
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, setting);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Contains(key, process.Output);
    }

    [Fact]
    public async Task A_netflow_port_already_taken_stops_the_process_and_names_the_key()
    {
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)taken.Client.LocalEndPoint!).Port;
        var dir = Directory.CreateTempSubdirectory("netops-cfg-").FullName;
        var process = NetOpsProcess.Launch("http://127.0.0.1:9", dir, null, null, $"--Collector:NetFlow:Port={port}");
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Contains($"Collector:NetFlow:Port {port}/udp", process.Output);
    }
}
