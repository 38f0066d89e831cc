using System.Net;
using System.Text;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Syslog;

/// <summary>Real senders → a real NetOps process → a real InfluxDB.</summary>
public sealed class SyslogIngestTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private NetOpsProcess _netops = null!;
    private InfluxQuery _query = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-it-").FullName;
    private string _tlsCert = "", _tlsKey = "";
    private int _tlsPort;

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _query = new InfluxQuery(_influx.Url);
        var inventory = TestInventory.Write(_dir);
        _tlsCert = Path.Combine(_dir, "cert.pem");
        _tlsKey = Path.Combine(_dir, "key.pem");
        await Peers.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-keyout", _tlsKey, "-out", _tlsCert]);
        _tlsPort = TestPorts.Next();
        _netops = await NetOpsProcess.StartAsync(_influx.Url, Path.Combine(_dir, "data"), null,
            $"--Inventory:Path={inventory}", $"--Collector:Syslog:Tls:Port={_tlsPort}",
            $"--Collector:Syslog:Tls:CertificatePath={_tlsCert}", $"--Collector:Syslog:Tls:KeyPath={_tlsKey}");
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static string Marker() => Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Logger_rfc3164_over_udp_becomes_a_link_down_event_on_the_primary_line_of_the_senders_site()
    {
        var m = Marker();
        await Peers.RunAsync("logger", ["--rfc3164", "-d", "-n", "127.0.0.1", "-P", _netops.SyslogPort.ToString(), "-p", "local7.err", "-t", "ios",
            $"%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down {m}"]);

        var rows = await WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/");
        var row = Assert.Single(rows);
        Assert.Equal("352012", row["site"].GetString());
        Assert.Equal("shimonoseki-rt1", row["device"].GetString());
        Assert.Equal("link_down", row["kind"].GetString());
        Assert.Equal("primary", row["line"].GetString());
        Assert.Equal("error", row["severity"].GetString());
    }

    [Fact]
    public async Task Logger_rfc5424_over_tcp_with_octet_counting_becomes_an_event()
    {
        var m = Marker();
        await Peers.RunAsync("logger", ["--rfc5424", "-T", "--octet-count", "-n", "127.0.0.1", "-P", _netops.SyslogPort.ToString(), "-p", "local7.notice",
            "-t", "ios", $"%BGP-5-ADJCHANGE: neighbor 192.0.2.1 Down BGP Notification sent {m}"]);

        var row = Assert.Single(await WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/"));
        Assert.Equal("bgp_down", row["kind"].GetString());
        Assert.Equal("352012", row["site"].GetString());
    }

    [Fact]
    public async Task Logger_rfc5424_over_tcp_with_lf_framing_becomes_an_event()
    {
        var m = Marker();
        await Peers.RunAsync("logger", ["--rfc5424", "-T", "-n", "127.0.0.1", "-P", _netops.SyslogPort.ToString(), "-p", "auth.warning",
            "-t", "ios", $"%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 192.0.2.9] [localport: 22] [Reason: Login Authentication Failed] {m}"]);

        var row = Assert.Single(await WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/ OR detail =~ /{m}/"));
        Assert.Equal("auth_fail", row["kind"].GetString());
    }

    [Fact]
    public async Task Yamaha_vrrp_line_without_header_is_attributed_to_the_backup_router_by_source_address()
    {
        var m = Marker();
        Peers.SendUdp(IPAddress.Parse("127.0.0.2"), _netops.SyslogPort, [$"<30>[VRRP] LAN1 VRID 1: state changed to master {m}"]);

        var row = Assert.Single(await WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/ OR detail =~ /{m}/"));
        Assert.Equal("shimonoseki-rt2", row["device"].GetString());
        Assert.Equal("vrrp_master", row["kind"].GetString());
        Assert.Equal("backup", row["line"].GetString());
    }

    [Fact]
    public async Task Firewall_traffic_logs_are_counted_per_site_device_and_action()
    {
        var lines = Enumerable.Range(0, 30).Select(i =>
            $"<189>date=2026-11-23 time=10:00:00 devname=\"shimonoseki-fw1\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" srcip=203.0.113.{i} srcport=5{i:000} dstip=10.35.1.10 dstport=445 proto=6 action=\"{(i < 20 ? "deny" : "accept")}\" policyid=0 sessionid={i}");
        Peers.SendUdp(IPAddress.Parse("127.0.0.3"), _netops.SyslogPort, lines);

        Assert.Equal(20, await _query.WaitForAsync("SELECT sum(\"count\") FROM firewall WHERE site='352012' AND device='shimonoseki-fw1' AND action='deny'", 20, TimeSpan.FromSeconds(60)));
        Assert.Equal(10, await _query.WaitForAsync("SELECT sum(\"count\") FROM firewall WHERE site='352012' AND action='permit'", 10, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_sender_the_inventory_does_not_know_is_stored_with_site_unknown_and_counted()
    {
        var m = Marker();
        var before = await _netops.MetricAsync("netops_syslog_unknown_source_total");
        Peers.SendUdp(IPAddress.Parse("127.0.0.99"), _netops.SyslogPort, [$"<13>Nov 23 10:00:00 stray-host app: hello from nowhere {m}"]);

        var row = Assert.Single(await WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/"));
        Assert.Equal("unknown", row["site"].GetString());
        Assert.Equal("127.0.0.99", row["source"].GetString());
        Assert.True(await _netops.MetricAsync("netops_syslog_unknown_source_total") > before);
    }

    [Fact]
    public async Task Garbage_and_a_mid_message_disconnect_on_tcp_lose_only_the_garbage()
    {
        var m = Marker();
        var malformedBefore = await _netops.MetricAsync("netops_syslog_messages_total", ("transport", "tcp"), ("outcome", "malformed"));
        var good = Enumerable.Range(0, 5).Select(i => $"<189>Nov 23 10:00:0{i} shimonoseki-rt1 {i}: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.{i}) {m}-{i}").ToList();
        var bytes = new List<byte>();
        bytes.AddRange(Peers.OctetCounted(good.Take(2)));
        bytes.AddRange("<999>not a priority\n"u8.ToArray());           // bad PRI, LF-framed
        bytes.AddRange(new byte[] { 0xff, 0xfe, 0x00, 0x01, (byte)'\n' }); // binary junk
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join("\n", good.Skip(2)) + "\n"));
        await Peers.SendTcpAsync(IPAddress.Loopback, _netops.SyslogPort, bytes.ToArray());
        // A second client dies halfway through an octet-counted frame.
        await Peers.SendTcpAsync(IPAddress.Loopback, _netops.SyslogPort, Encoding.ASCII.GetBytes("500 <189>Nov 23 10:00:00 shimonoseki-rt1 cut"));

        Assert.Equal(5, await _query.WaitForAsync($"SELECT count(message) FROM event WHERE message =~ /{m}/ OR detail =~ /{m}/", 5, TimeSpan.FromSeconds(60)));
        Assert.True(await _netops.MetricAsync("netops_syslog_messages_total", ("transport", "tcp"), ("outcome", "malformed")) >= malformedBefore + 2);
        Assert.Contains("\"status\"", await _netops.GetAsync("health"));
    }

    [Fact]
    public async Task An_oversize_octet_counted_frame_is_skipped_by_its_count_and_the_three_frames_after_it_are_stored()
    {
        var m = Marker();
        var malformedBefore = await _netops.MetricAsync("netops_syslog_messages_total", ("transport", "tcp"), ("outcome", "malformed"));
        var oversize = "<189>Nov 23 10:00:00 shimonoseki-rt1 0: " + new string('x', 70_000); // above MaxMessageBytes (65,507)
        var good = Enumerable.Range(1, 3).Select(i => $"<189>Nov 23 10:00:0{i} shimonoseki-rt1 {i}: %SYS-5-CONFIG_I: Configured from console by admin on vty0 {m}-{i}");
        var bytes = Peers.OctetCounted([oversize, .. good]);
        Assert.DoesNotContain((byte)'\n', bytes);
        await Peers.SendTcpAsync(IPAddress.Loopback, _netops.SyslogPort, bytes);

        Assert.Equal(3, await _query.WaitForAsync($"SELECT count(message) FROM event WHERE message =~ /{m}/", 3, TimeSpan.FromSeconds(60)));
        Assert.True(await _netops.MetricAsync("netops_syslog_messages_total", ("transport", "tcp"), ("outcome", "malformed")) >= malformedBefore + 1);
    }

    [Fact]
    public async Task Two_hundred_concurrent_tcp_connections_all_get_through()
    {
        var m = Marker();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(c => Peers.SendTcpAsync(IPAddress.Loopback, _netops.SyslogPort,
            Peers.OctetCounted(Enumerable.Range(0, 10).Select(i => $"<189>Nov 23 10:00:00 shimonoseki-rt1 {i}: %SYS-5-CONFIG_I: Configured from console by op{c} on vty0 {m}-{c}-{i}")))));

        Assert.Equal(2000, await _query.WaitForAsync($"SELECT count(message) FROM event WHERE message =~ /{m}/", 2000, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Openssl_s_client_sends_over_the_tls_listener()
    {
        var m = Marker();
        var frame = Encoding.UTF8.GetString(Peers.OctetCounted([$"<187>1 2026-11-23T10:00:00Z shimonoseki-rt1 ios - - - %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up {m}"]));
        await Peers.RunAsync("openssl", ["s_client", "-quiet", "-no_ign_eof", "-connect", $"127.0.0.1:{_tlsPort}", "-servername", "localhost"], frame);

        var row = Assert.Single(await WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/"));
        Assert.Equal("link_up", row["kind"].GetString());
        Assert.Equal("backup", row["line"].GetString()); // Gi0/1 is rt1's backup-line interface
        Assert.True(await _netops.MetricAsync("netops_syslog_messages_total", ("transport", "tls"), ("outcome", "parsed")) >= 1);
    }

    private async Task<List<Dictionary<string, System.Text.Json.JsonElement>>> WaitRowsAsync(string query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = await _query.RowsAsync(query);
            if (rows.Count > 0 || DateTime.UtcNow > deadline) return rows.Count > 0 ? rows : throw new Xunit.Sdk.XunitException($"nothing matched {query}\n{_netops.Output}");
            await Task.Delay(250);
        }
    }
}
