using System.Net;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Flows;

/// <summary>
/// softflowd reads a shared capture and exports NetFlow v5, v9 or IPFIX; a fan-out sends every export datagram both to
/// NetOps (→ a real InfluxDB) and to nfcapd; the flow, packet and byte totals NetOps stores equal nfdump's exactly.
/// </summary>
public sealed class SoftflowdExportTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private InfluxQuery _query = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-it-flows-").FullName;

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _query = new InfluxQuery(_influx.Url);
    }

    public async ValueTask DisposeAsync()
    {
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("5", "general/web-browsing-2013.pcap")]
    [InlineData("9", "general/web-browsing-2013.pcap")]
    [InlineData("10", "general/web-browsing-2013.pcap")]
    [InlineData("9", "general/many-protocols.pcap")]
    [InlineData("10", "general/many-protocols.pcap")]
    public async Task NetOps_stores_exactly_the_flows_packets_and_bytes_that_nfdump_counts(string version, string capture)
    {
        int netflowPort = TestPorts.Next(), ipfixPort = TestPorts.Next();
        await using var netops = await NetOpsProcess.StartAsync(_influx.Url, Path.Combine(_dir, "data"), null,
            $"--Inventory:Path={TestInventory.Write(_dir)}", $"--Collector:NetFlow:Port={netflowPort}", $"--Collector:Ipfix:Port={ipfixPort}",
            "--Collector:Flows:AggregationSeconds=1");
        await using var nfcapd = await NfcapdPeer.StartAsync(Path.Combine(_dir, "nfcapd"));
        // IPFIX to the IPFIX port, NetFlow to the NetFlow port, as an operator would configure it
        int target = version == "10" ? ipfixPort : netflowPort;
        await using var fanOut = new UdpFanOut(new IPEndPoint(IPAddress.Loopback, target), new IPEndPoint(IPAddress.Loopback, nfcapd.Port));

        // -c none: softflowd 1.1 reading a file otherwise waits on its control socket; -d: stay in the foreground
        await Peers.RunAsync("softflowd", ["-r", SharedData.Path("pcap/" + capture), "-n", $"127.0.0.1:{fanOut.EndPoint.Port}",
            "-v", version, "-c", "none", "-d", "-p", Path.Combine(_dir, "softflowd.pid")]);
        await fanOut.WaitQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(90));
        Assert.True(fanOut.Forwarded > 0, "softflowd exported nothing");

        await nfcapd.StopAsync();
        var expected = await nfcapd.TotalsAsync();
        Assert.True(expected.Records > 0, "nfdump read no records");

        string listener = version == "10" ? "ipfix" : "netflow";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await netops.MetricAsync("netops_flow_listener_datagrams_total", ("listener", listener), ("outcome", "received")) < fanOut.Forwarded
               && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        // A graceful stop decodes what is queued and writes every open window.
        await netops.StopAsync();

        var rows = await _query.RowsAsync("SELECT sum(flows) AS flows, sum(packets) AS packets, sum(bytes) AS bytes FROM flow GROUP BY site, exporter");
        var row = Assert.Single(rows);
        Assert.Equal("352012", row["site"].GetString());
        Assert.Equal("shimonoseki-rt1", row["exporter"].GetString());
        var stored = ((long)row["flows"].GetDouble(), (long)row["packets"].GetDouble(), (long)row["bytes"].GetDouble());
        Assert.Equal((expected.Flows, expected.Packets, expected.Bytes), stored);
        Assert.Equal(expected.Records, expected.Flows);

        // every flow point carries only the four contract tags, from closed sets
        var tags = await _query.RowsAsync("SHOW TAG VALUES FROM flow WITH KEY IN (\"proto\", \"direction\")");
        Assert.All(tags, t => Assert.Contains(t["value"].GetString(), new[] { "tcp", "udp", "icmp", "icmpv6", "gre", "esp", "other", "in", "out", "unknown" }));
        Assert.True(await _query.ScalarAsync("SELECT count(bytes) FROM flow_top") > 0, "no top talkers were written");
    }
}
