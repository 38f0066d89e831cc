using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>Line numbers refer to shared/data/syslog/paloalto.log (see INDEX.md there).</summary>
public sealed class PaloAltoNormalizerTests
{
    private const string File = "paloalto.log";
    private readonly PaloAltoNormalizer _normalizer = new();

    private NormalizedMessage Line(int number) => Recognised(_normalizer, From(File, number));

    [Theory]
    [InlineData(19, FirewallAction.Permit, "PA-220")] // end, allow, BSD header in front
    [InlineData(20, FirewallAction.Permit, "PA-220")]
    [InlineData(35, FirewallAction.Permit, "PA-VM")]  // double Splunk/Panorama relay header
    [InlineData(12, FirewallAction.Deny, "P1A-GWLB-CORE-FW01")] // bare CSV, action deny
    [InlineData(23, FirewallAction.Deny, "PA-220")]   // subtype drop (action column says allow)
    [InlineData(24, FirewallAction.Deny, "PA-220")]   // subtype deny
    [InlineData(25, FirewallAction.Permit, "PA-220")] // empty subtype
    [InlineData(26, FirewallAction.Permit, "PA-220")] // unknown subtype "test"
    public void Traffic_logs_are_firewall_records_with_action_from_column_30_and_the_device_name(int line, FirewallAction action, string device)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(action, m.Action);
        Assert.Equal(device, m.DeviceName);
    }

    [Theory]
    [InlineData(22)]
    [InlineData(37)]
    [InlineData(13)]
    public void Traffic_start_is_redundant_so_a_session_is_counted_once_at_its_end(int line)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.True(m.Redundant);
    }

    [Theory]
    [InlineData(14)] // end with anonymised action "xxxx"
    public void Traffic_with_an_unknown_action_is_generic_and_not_counted(int line)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.Equal(EventKind.Generic, m.Kind);
    }

    [Fact]
    public void Traffic_tally_counts_each_session_once()
    {
        var results = AllLines(File).Select(l => Recognised(_normalizer, FromLine(l))).ToArray();
        int starts = AllLines(File).Count(l => l.Contains(",TRAFFIC,start,", StringComparison.Ordinal));
        Assert.Equal(20, starts);
        Assert.Equal(starts, results.Count(m => m.Redundant));
        // end ×24 with allow (the anonymised one is not counted) + N/A deny + drop ×2 + deny ×2 + empty + test.
        Assert.Equal(31, results.Count(m => m.Type == NormalizedType.Firewall));
        Assert.Equal(5, results.Count(m => m.Type == NormalizedType.Firewall && m.Action == FirewallAction.Deny));
    }

    [Fact]
    public void Threat_vulnerability_gives_a_threat_event_with_name_action_and_endpoints()
    {
        var m = Line(9);
        Assert.Equal(EventKind.Threat, m.Kind);
        Assert.Equal("DCS-2530L Unauthenticated Information Disclosure Vulnerability(90255)", DetailValue(m, "threat"));
        Assert.Equal("reset-both", DetailValue(m, "action"));
        Assert.Equal("199.195.252.165", DetailValue(m, "src"));
        Assert.Equal("172.30.250.61", DetailValue(m, "dst"));
        Assert.Equal(Severity.Error, m.Severity); // "high"
        Assert.Equal("UAT-INTERNET-FW-01", m.DeviceName);
    }

    [Theory]
    [InlineData(27, "consent.cmp.oath.com/")]
    [InlineData(30, "infodist1.com/in.cgi?11&parameter=404")]
    public void Blocked_url_is_a_threat_naming_the_url(int line, string url)
    {
        var m = Line(line);
        Assert.Equal(EventKind.Threat, m.Kind);
        Assert.Equal(url, DetailValue(m, "threat"));
        Assert.Equal("block-url", DetailValue(m, "action"));
    }

    [Fact]
    public void Url_alert_is_browsing_not_a_threat()
        => Assert.Equal(EventKind.Generic, Line(29).Kind);

    [Theory]
    [InlineData(109, "admin", "set", "Web")]
    [InlineData(112, "admin", "commit", "Web")]
    public void Config_logs_give_config_change_with_user_and_command(int line, string user, string cmd, string client)
    {
        var m = Line(line);
        Assert.Equal(EventKind.ConfigChange, m.Kind);
        Assert.Equal(user, DetailValue(m, "user"));
        Assert.Equal(cmd, DetailValue(m, "cmd"));
        Assert.Equal(client, DetailValue(m, "client"));
    }

    [Fact]
    public void Globalprotect_authentication_failure_gives_auth_fail_with_user_and_source()
    {
        var m = Line(108);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("Admin", DetailValue(m, "user"));
        Assert.Equal("64.135.77.120", DetailValue(m, "source"));
        Assert.Equal("PA-VM", m.DeviceName);
    }

    [Fact]
    public void Globalprotect_authentication_success_gives_auth_success()
    {
        var m = Line(101);
        Assert.Equal(EventKind.AuthSuccess, m.Kind);
        Assert.Equal(@"tng\troy", DetailValue(m, "user"));
    }

    [Fact]
    public void Quoted_description_with_commas_is_one_field()
    {
        var m = Line(17);
        Assert.Equal(EventKind.Generic, m.Kind);
        Assert.Equal("Connection to Update server closed: updates.paloaltonetworks.com, source: 81.2.69.193", m.Message);
        Assert.Equal("PA-VM", m.DeviceName);
        Assert.Equal(Severity.Info, m.Severity);
    }

    [Theory]
    [InlineData(113)] // routing config load
    [InlineData(114)] // vpn config load
    [InlineData(116)] // ras
    public void Daemon_configuration_loads_are_generic(int line)
        => Assert.Equal(EventKind.Generic, Line(line).Kind);

    [Theory]
    // Constructed in the PAN-OS SYSTEM CSV layout (routing and vpn event texts as documented); not in the shared data.
    [InlineData("1,2024/05/01 10:00:00,012801096514,SYSTEM,routing,0,2024/05/01 10:00:00,,routed-bgp-peer-status,,0,0,general,informational,\"BGP peer 10.35.0.1 changed state from OpenConfirm to Established\",1,0x0,0,0,0,0,,pa-fw1", EventKind.BgpUp)]
    [InlineData("1,2024/05/01 10:00:00,012801096514,SYSTEM,routing,0,2024/05/01 10:00:00,,routed-bgp-peer-status,,0,0,general,high,\"BGP peer 10.35.0.1 changed state from Established to Idle\",1,0x0,0,0,0,0,,pa-fw1", EventKind.BgpDown)]
    [InlineData("1,2024/05/01 10:00:00,012801096514,SYSTEM,vpn,0,2024/05/01 10:00:00,,tunnel-status-down,lgwan-tun,0,0,general,critical,\"Tunnel lgwan-tun is down\",1,0x0,0,0,0,0,,pa-fw1", EventKind.TunnelDown)]
    [InlineData("1,2024/05/01 10:00:00,012801096514,SYSTEM,vpn,0,2024/05/01 10:00:00,,tunnel-status-up,lgwan-tun,0,0,general,informational,\"Tunnel lgwan-tun is up\",1,0x0,0,0,0,0,,pa-fw1", EventKind.TunnelUp)]
    public void Routing_and_vpn_system_logs_give_bgp_and_tunnel_events(string raw, EventKind kind)
    {
        var m = Recognised(_normalizer, FromLine(raw));
        Assert.Equal(kind, m.Kind);
        Assert.Equal("pa-fw1", m.DeviceName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Truncated_lines_are_generic_paloalto_events(int line)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.Equal(EventKind.Generic, m.Kind);
    }

    [Fact]
    public void Every_line_in_the_file_is_recognised()
        => Assert.All(AllLines(File), l => Recognised(_normalizer, FromLine(l)));

    [Theory]
    [InlineData("Jan 1 00:00:00 host 1,2,3,4")]
    [InlineData("date=2024-01-01 time=10:00:00 logid=1 type=traffic")]
    [InlineData("")]
    public void Lines_without_a_pan_os_csv_start_are_not_recognised(string raw)
        => Assert.False(_normalizer.TryNormalize(FromLine(raw), out _));
}
