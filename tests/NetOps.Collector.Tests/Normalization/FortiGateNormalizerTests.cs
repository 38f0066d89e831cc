using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>Line numbers refer to shared/data/syslog/fortigate.log (see INDEX.md there).</summary>
public sealed class FortiGateNormalizerTests
{
    private const string File = "fortigate.log";
    private readonly FortiGateNormalizer _normalizer = new();

    private NormalizedMessage Line(int number) => Recognised(_normalizer, From(File, number));

    [Theory]
    [InlineData(18, "Device_Name")]
    [InlineData(19, "Device_Name")]
    [InlineData(13, "Device_Name")] // FortiOS 4: status=deny, "time=10: 13:03", relay timestamp in front
    [InlineData(15, "Device_Name")]
    [InlineData(16, "Device_Name")]
    public void Traffic_deny_is_a_firewall_deny_with_the_device_name(int line, string device)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(FirewallAction.Deny, m.Action);
        Assert.Equal(device, m.DeviceName);
    }

    [Theory]
    [InlineData(1, "fw01")]   // timeout, <PRI> header
    [InlineData(2, "fw01")]   // close
    [InlineData(14, "Name_of_Device")] // FortiOS 4 status=accept
    [InlineData(17, "Name_of_Device")]
    [InlineData(20, null)]    // quoted values, no devname
    [InlineData(21, null)]    // accept
    [InlineData(22, null)]    // client-rst
    public void Traffic_that_ended_normally_is_a_firewall_permit(int line, string? device)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(FirewallAction.Permit, m.Action);
        Assert.Equal(device, m.DeviceName);
    }

    [Fact]
    public void Traffic_lines_in_the_file_count_five_denies_and_seven_permits()
    {
        var results = AllLines(File).Select(l => Recognised(_normalizer, FromLine(l))).Where(m => m.Type == NormalizedType.Firewall).ToArray();
        Assert.Equal(5, results.Count(m => m.Action == FirewallAction.Deny));
        Assert.Equal(7, results.Count(m => m.Action == FirewallAction.Permit));
    }

    [Fact]
    public void Session_start_log_is_redundant_so_the_session_is_counted_once_at_its_end()
    {
        // Constructed from the FortiOS traffic log form with logtraffic-start enabled (action=start).
        var m = Recognised(_normalizer, FromLine(
            "date=2024-05-01 time=10:00:00 devname=\"shimonoseki-fw1\" devid=\"FG100F0000000001\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=10.35.1.10 dstip=10.0.0.1 action=\"start\" policyid=3"));
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.True(m.Redundant);
        Assert.Equal("shimonoseki-fw1", m.DeviceName);
    }

    [Theory]
    [InlineData(4, "gfedhf", "4.3.5.253")]
    [InlineData(5, "root", "222.186.130.227")]
    public void Admin_login_failed_gives_auth_fail_with_user_ui_and_source(int line, string user, string source)
    {
        var m = Line(line);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal(user, DetailValue(m, "user"));
        Assert.Equal(source, DetailValue(m, "srcip"));
        Assert.NotNull(DetailValue(m, "ui"));
        Assert.Equal(Severity.Alert, m.Severity);
        Assert.Equal("name_invalid", DetailValue(m, "reason"));
    }

    [Fact]
    public void Admin_login_successful_gives_auth_success()
    {
        var m = Line(25);
        Assert.Equal(EventKind.AuthSuccess, m.Kind);
        Assert.Equal("a@b.com.na", DetailValue(m, "user"));
        Assert.Equal("10.42.8.253", DetailValue(m, "srcip"));
        Assert.Equal("Mobipay_Firewall", m.DeviceName);
    }

    [Theory]
    [InlineData(6, null, null)]
    [InlineData(8, "firewall.service.custom", "Edit")]
    [InlineData(9, "firewall.service.custom", "Edit")]
    [InlineData(30, "firewall.service.custom", "Add")]
    [InlineData(10, "log.threat-weight", "Edit")]
    public void Configuration_logs_give_config_change_with_user_and_path(int line, string? path, string? action)
    {
        var m = Line(line);
        Assert.Equal(EventKind.ConfigChange, m.Kind);
        Assert.NotNull(DetailValue(m, "user"));
        Assert.Equal(path, DetailValue(m, "cfgpath"));
        Assert.Equal(action, DetailValue(m, "action"));
    }

    [Theory]
    [InlineData(23, EventKind.TunnelUp)]
    [InlineData(24, EventKind.TunnelDown)]
    [InlineData(3, EventKind.TunnelDown)]  // IPsec DPD failed
    [InlineData(11, EventKind.AuthFail)]   // SSL VPN login fail
    [InlineData(34, EventKind.Generic)]    // tunnel statistics
    public void Vpn_events_give_tunnel_and_auth_kinds(int line, EventKind kind)
        => Assert.Equal(kind, Line(line).Kind);

    [Fact]
    public void Dpd_failure_names_the_tunnel_and_the_remote_gateway()
    {
        var m = Line(3);
        Assert.Equal("BW", DetailValue(m, "tunnel"));
        Assert.Equal("1.2.3.4", DetailValue(m, "remip"));
        Assert.Null(DetailValue(m, "user")); // "N/A" is no user
    }

    [Fact]
    public void Ha_event_gives_ha_change()
    {
        var m = Line(38);
        Assert.Equal(EventKind.HaChange, m.Kind);
        Assert.Equal(Severity.Critical, m.Severity);
        Assert.Equal("Virtual cluster detected member join", m.Message);
    }

    [Theory]
    [InlineData(7, "HTTP.Unknown.Tunnelling", "192.168.10.8", "reset")]
    [InlineData(26, "tcp_syn_flood", "10.10.10.35", "detected")]
    [InlineData(27, "IP.Bad.Header", "10.10.10.61", "dropped")]
    [InlineData(28, "Adobe.Flash.newfunction.Handling.Code.Execution", "10.1.100.22", "dropped")]
    [InlineData(35, "Malware_Generic.P0", "172.24.12.52", "blocked")]
    [InlineData(33, "Dailymotion", "10.1.100.22", "block")]
    public void Utm_and_anomaly_blocks_give_threat_events(int line, string attack, string source, string action)
    {
        var m = Line(line);
        Assert.Equal(EventKind.Threat, m.Kind);
        Assert.Equal(attack, DetailValue(m, "attack"));
        Assert.Equal(source, DetailValue(m, "srcip"));
        Assert.Equal(action, DetailValue(m, "action"));
        Assert.NotNull(DetailValue(m, "dstip"));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(37)]
    public void Utm_logs_that_let_traffic_pass_are_generic_not_threats(int line)
        => Assert.Equal(EventKind.Generic, Line(line).Kind);

    [Theory]
    // Constructed from FortiOS event log forms (link monitor and interface status); not in the shared data.
    [InlineData("date=2024-05-01 time=10:00:00 devname=\"fw1\" logid=\"0100022922\" type=\"event\" subtype=\"system\" level=\"warning\" logdesc=\"Link monitor status\" interface=\"wan1\" status=\"down\" msg=\"Link Monitor changed state from alive to dead\"", EventKind.LinkDown)]
    [InlineData("date=2024-05-01 time=10:00:05 devname=\"fw1\" logid=\"0100022922\" type=\"event\" subtype=\"system\" level=\"notice\" logdesc=\"Link monitor status\" interface=\"wan1\" status=\"up\" msg=\"Link Monitor changed state from dead to alive\"", EventKind.LinkUp)]
    [InlineData("date=2024-05-01 time=10:00:06 devname=\"fw1\" logid=\"0100020027\" type=\"event\" subtype=\"system\" level=\"notice\" logdesc=\"Interface status changed\" action=\"interface-stat-change\" status=\"DOWN\" msg=\"Interface wan1 is down\"", EventKind.LinkDown)]
    public void Link_monitor_and_interface_status_give_link_events(string raw, EventKind kind)
    {
        var m = Recognised(_normalizer, FromLine(raw));
        Assert.Equal(kind, m.Kind);
        Assert.Equal("wan1", m.Interface);
    }

    [Fact]
    public void Every_line_in_the_file_is_recognised()
        => Assert.All(AllLines(File), l => Recognised(_normalizer, FromLine(l)));

    [Fact]
    public void Quoted_values_with_spaces_and_escaped_quotes_are_read_whole()
    {
        var m = Recognised(_normalizer, FromLine(
            "logid=\"0100032002\" type=\"event\" subtype=\"system\" level=\"alert\" logdesc=\"Admin login failed\" user=\"a \\\"b\\\" c\" ui=\"ssh(192.0.2.7)\" msg=\"x y=z\""));
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("192.0.2.7", DetailValue(m, "srcip"));
        Assert.Equal("x y=z", m.Message);
    }

    [Theory]
    [InlineData("type=traffic action=deny")]          // no logid: not FortiOS
    [InlineData("date=2024-01-01 devname=x logid=1")] // no type
    [InlineData("%LINK-3-UPDOWN: Interface Gi0/1, changed state to down")]
    public void Lines_without_the_fortios_markers_are_not_recognised(string raw)
        => Assert.False(_normalizer.TryNormalize(FromLine(raw), out _));
}
