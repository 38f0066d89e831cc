using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>Line numbers refer to shared/data/syslog/cisco-ios.log (see INDEX.md there).</summary>
public sealed class CiscoIosNormalizerTests
{
    private const string File = "cisco-ios.log";
    private readonly CiscoIosNormalizer _normalizer = new();

    private NormalizedMessage Line(int number) => Recognised(_normalizer, From(File, number));

    [Theory]
    [InlineData(31, EventKind.LinkDown, "GigabitEthernet4/0/45")]
    [InlineData(33, EventKind.LinkUp, "GigabitEthernet4/0/45")]
    [InlineData(107, EventKind.LinkUp, "Port-channel1")]
    [InlineData(108, EventKind.LinkUp, "GigabitEthernet0/2")]
    [InlineData(3, EventKind.LinkDown, "FastEthernet0/2")]
    [InlineData(5, EventKind.LinkUp, "FastEthernet0/2")]
    [InlineData(152, EventKind.LinkUp, "TenGigabitEthernet1/0/1")]
    [InlineData(1, EventKind.LinkDown, "GigabitEthernet2")]
    [InlineData(2, EventKind.LinkDown, "GigabitEthernet2")]
    [InlineData(4, EventKind.LinkDown, "GigabitEthernet2")]
    [InlineData(69, EventKind.LinkDown, "FastEthernet0/1")]
    public void Link_and_line_protocol_changes_give_link_events_with_the_interface(int line, EventKind kind, string iface)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(iface, m.Interface);
    }

    [Fact]
    public void Administratively_down_is_a_link_down_with_the_admin_state_and_who_did_it()
    {
        var m = Line(2);
        Assert.Equal("admin", DetailValue(m, "layer"));
        Assert.Equal("admin_down", DetailValue(m, "state"));
        Assert.Equal("10.83.75.201", DetailValue(m, "by"));
        Assert.Equal(Severity.Notice, m.Severity);
    }

    [Fact]
    public void Uptime_stamp_and_sequence_number_before_the_mnemonic_are_tolerated()
    {
        // Constructed from the documented IOS form "seq: *timestamp: %FAC-SEV-MNEMONIC: text".
        var m = Recognised(_normalizer, FromLine("<187>000123: *Mar  1 00:00:46.123: %LINK-3-UPDOWN: Interface Gi0/1, changed state to down"));
        Assert.Equal(EventKind.LinkDown, m.Kind);
        Assert.Equal("Gi0/1", m.Interface);
        Assert.Equal(Severity.Error, m.Severity);
        Assert.StartsWith("%LINK-3-UPDOWN", m.Message);
    }

    [Fact]
    public void Bare_line_protocol_mnemonic_without_text_is_a_generic_cisco_event()
    {
        var m = Line(89);
        Assert.Equal(EventKind.Generic, m.Kind);
        Assert.Equal(Severity.Notice, m.Severity);
    }

    [Fact]
    public void Bgp_neighbor_up_gives_bgp_up_with_the_peer()
    {
        var m = Line(16);
        Assert.Equal(EventKind.BgpUp, m.Kind);
        Assert.Equal("10.110.0.60", DetailValue(m, "peer"));
    }

    [Fact]
    public void Bgp_neighbor_down_gives_bgp_down_with_peer_and_reason()
    {
        var m = Line(19);
        Assert.Equal(EventKind.BgpDown, m.Kind);
        Assert.Equal("10.110.0.83", DetailValue(m, "peer"));
        Assert.Equal("BGP Notification sent", DetailValue(m, "reason"));
    }

    [Fact]
    public void Ios_xr_bgp_adjchange_with_a_space_before_the_colon_gives_bgp_down_with_vrf_and_as()
    {
        var m = Line(20);
        Assert.Equal(EventKind.BgpDown, m.Kind);
        Assert.Equal("1.1.1.1", DetailValue(m, "peer"));
        Assert.Equal("default", DetailValue(m, "vrf"));
        Assert.Equal("1234", DetailValue(m, "as"));
        Assert.Equal("RR client configuration changed", DetailValue(m, "reason"));
    }

    [Fact]
    public void Bgp_vpn_vrf_neighbor_form_carries_the_vrf()
    {
        // Constructed from the documented IOS form for a VRF neighbour.
        var m = Recognised(_normalizer, FromLine("%BGP-5-ADJCHANGE: neighbor 192.0.2.9 vpn vrf LGWAN Down Interface flap"));
        Assert.Equal(EventKind.BgpDown, m.Kind);
        Assert.Equal("LGWAN", DetailValue(m, "vrf"));
        Assert.Equal("Interface flap", DetailValue(m, "reason"));
    }

    [Theory]
    [InlineData(86, "10.110.0.81", "sent", "hold time expired")]
    [InlineData(87, "10.110.0.11", "received", "cease")]
    public void Bgp_notification_gives_bgp_down_with_direction_and_reason(int line, string peer, string direction, string reason)
    {
        var m = Line(line);
        Assert.Equal(EventKind.BgpDown, m.Kind);
        Assert.Equal(peer, DetailValue(m, "peer"));
        Assert.Equal(direction, DetailValue(m, "direction"));
        Assert.Equal(reason, DetailValue(m, "reason"));
        Assert.Equal(Severity.Error, m.Severity);
    }

    [Fact]
    public void Bgp_session_address_family_change_is_generic()
        => Assert.Equal(EventKind.Generic, Line(21).Kind);

    [Theory]
    [InlineData(6, EventKind.OspfDown, "GigabitEthernet2.45", "172.16.46.4", "DOWN")]
    [InlineData(7, EventKind.OspfUp, "GigabitEthernet2.45", "172.16.46.4", "FULL")]
    [InlineData(46, EventKind.OspfDown, "Vlan444", "10.10.20.28", "DOWN")]
    [InlineData(47, EventKind.OspfUp, "Vlan444", "10.10.20.30", "FULL")]
    public void Ospf_adjacency_change_to_full_or_down_gives_ospf_events(int line, EventKind kind, string iface, string neighbor, string to)
    {
        var m = Line(line);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(iface, m.Interface);
        Assert.Equal(neighbor, DetailValue(m, "neighbor"));
        Assert.Equal(to, DetailValue(m, "to"));
    }

    [Theory]
    // Constructed from Cisco's documented VRRP-6-STATECHANGE text; no licensed sample exists (INDEX.md).
    [InlineData("%VRRP-6-STATECHANGE: Gi0/0 Grp 1 state Backup -> Master", EventKind.VrrpMaster, "Backup", "Master")]
    [InlineData("%VRRP-6-STATECHANGE: Gi0/0 Grp 1 state Master -> Backup", EventKind.VrrpBackup, "Master", "Backup")]
    [InlineData("%VRRP-6-STATECHANGE: Gi0/0 Grp 1 state Master -> Init", EventKind.VrrpBackup, "Master", "Init")]
    [InlineData("%VRRP-6-STATECHANGE: Gi0/0 Grp 1 state Init -> Backup", EventKind.VrrpBackup, "Init", "Backup")]
    public void Vrrp_state_change_gives_master_or_backup_with_group_and_states(string text, EventKind kind, string from, string to)
    {
        var m = Recognised(_normalizer, FromLine("<190>2042: rt1: *Mar  1 00:12:01.003: " + text));
        Assert.Equal(kind, m.Kind);
        Assert.Equal("Gi0/0", m.Interface);
        Assert.Equal("1", DetailValue(m, "group"));
        Assert.Equal(from, DetailValue(m, "from"));
        Assert.Equal(to, DetailValue(m, "to"));
    }

    [Theory]
    // Cisco's documented HSRP-5-STATECHANGE (IOS 12.2 and later, IOS-XE) and STANDBY-6-STATECHANGE (IOS 12.0/12.1, where
    // "Standby: GROUP: IFACE" leads and the arrow may lack its space) texts, behind a real IOS header.
    [InlineData("%HSRP-5-STATECHANGE: GigabitEthernet0/1 Grp 10 state Standby -> Active", EventKind.HsrpActive, "GigabitEthernet0/1", "10", "Standby", "Active")]
    [InlineData("%HSRP-5-STATECHANGE: GigabitEthernet0/1 Grp 10 state Active -> Speak", EventKind.HsrpStandby, "GigabitEthernet0/1", "10", "Active", "Speak")]
    [InlineData("%HSRP-5-STATECHANGE: FastEthernet0/0 Grp 1 state Speak -> Standby", EventKind.HsrpStandby, "FastEthernet0/0", "1", "Speak", "Standby")]
    [InlineData("%HSRP-5-STATECHANGE: Vlan10 Grp 4095 state Active -> Init", EventKind.HsrpStandby, "Vlan10", "4095", "Active", "Init")]
    [InlineData("%STANDBY-6-STATECHANGE: Ethernet0 Group 1 state Standby -> Active", EventKind.HsrpActive, "Ethernet0", "1", "Standby", "Active")]
    [InlineData("%STANDBY-6-STATECHANGE: Standby: 0: Ethernet0 state Active-> Speak", EventKind.HsrpStandby, "Ethernet0", "0", "Active", "Speak")]
    public void Hsrp_state_change_gives_the_same_kinds_as_the_capture_path(string text, EventKind kind, string iface, string group, string from, string to)
    {
        var m = Recognised(_normalizer, FromLine("<189>2043: rt1: *Mar  1 00:12:29.359: " + text));
        Assert.Equal(kind, m.Kind);
        Assert.Equal(iface, m.Interface);
        Assert.Equal(group, DetailValue(m, "group"));
        Assert.Equal(from, DetailValue(m, "from"));
        Assert.Equal(to, DetailValue(m, "to"));
    }

    [Fact]
    public void An_hsrp_change_that_neither_enters_nor_leaves_active_or_standby_stays_generic()
    {
        var m = Recognised(_normalizer, FromLine("<189>2043: rt1: *Mar  1 00:12:19.359: %HSRP-5-STATECHANGE: Vlan10 Grp 1 state Listen -> Speak"));
        Assert.Equal(EventKind.Generic, m.Kind);
        Assert.Equal(Severity.Notice, m.Severity);
    }

    [Fact]
    public void Access_list_deny_is_a_firewall_deny_with_acl_proto_endpoints_count_and_interface()
    {
        var m = Line(61);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(FirewallAction.Deny, m.Action);
        Assert.Equal("Vlan51", m.Interface);
        Assert.Equal("aclBorder", DetailValue(m, "acl"));
        Assert.Equal("tcp", DetailValue(m, "proto"));
        Assert.Equal("118.84.26.135", DetailValue(m, "src"));
        Assert.Equal("46365", DetailValue(m, "sport"));
        Assert.Equal("124.218.199.108", DetailValue(m, "dst"));
        Assert.Equal("22", DetailValue(m, "dport"));
        Assert.Equal("1", DetailValue(m, "count"));
    }

    [Fact]
    public void Access_list_permit_counts_packets()
    {
        var m = Line(66);
        Assert.Equal(FirewallAction.Permit, m.Action);
        Assert.Equal("8", DetailValue(m, "count"));
        Assert.Equal("aclIN", DetailValue(m, "acl"));
    }

    [Fact]
    public void Standard_access_list_without_protocol_or_arrow_still_gives_source_and_count()
    {
        var m = Line(63);
        Assert.Equal(FirewallAction.Deny, m.Action);
        Assert.Equal("50", DetailValue(m, "acl"));
        Assert.Equal("118.61.236.12", DetailValue(m, "src"));
        Assert.Equal("1", DetailValue(m, "count"));
        Assert.Null(DetailValue(m, "proto"));
    }

    [Theory]
    [InlineData(65, FirewallAction.Deny, "icmp", "3")]     // IPACCESSLOGDP
    [InlineData(68, FirewallAction.Permit, "igmp", "20")]  // IPACCESSLOGRP
    [InlineData(64, FirewallAction.Deny, "0", "1")]        // IPACCESSLOGNP
    [InlineData(110, FirewallAction.Deny, "igmp", "1")]    // IPACCESSLOGSP
    [InlineData(112, FirewallAction.Permit, "tcp", "9")]   // IPv6 ACCESSLOGP
    [InlineData(128, FirewallAction.Permit, "tcp", "1")]   // IOS-XE FMANFP
    [InlineData(131, FirewallAction.Deny, "udp", "342")]
    [InlineData(133, FirewallAction.Permit, "icmp", "2")]  // FMANFP IPACCESSLOGDP
    [InlineData(135, FirewallAction.Deny, "ipv6", "6")]    // IPV6_ACL ACCESSLOGSP
    [InlineData(136, FirewallAction.Deny, "tcp", "1")]     // MAC before the source address
    [InlineData(153, FirewallAction.Deny, "udp", "1")]     // FMANFP IPV6ACCESSLOGP
    [InlineData(155, FirewallAction.Deny, "tcp", "1")]     // IOS-XR "access-list … deny"
    public void Access_log_family_gives_firewall_records(int line, FirewallAction action, string proto, string count)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(action, m.Action);
        Assert.Equal(proto, DetailValue(m, "proto"));
        Assert.Equal(count, DetailValue(m, "count"));
        Assert.NotNull(DetailValue(m, "src"));
    }

    [Fact]
    public void Ios_xe_line_with_mac_before_source_keeps_the_real_source_and_destination()
    {
        var m = Line(136);
        Assert.Equal("198.51.100.10", DetailValue(m, "src"));
        Assert.Equal("56279", DetailValue(m, "sport"));
        Assert.Equal("203.0.113.20", DetailValue(m, "dst"));
        Assert.Equal("45240", DetailValue(m, "dport"));
    }

    [Fact]
    public void All_17_ipaccesslogp_lines_are_firewall_records()
    {
        var lines = AllLines(File).Where(l => l.Contains("%SEC-6-IPACCESSLOGP:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(17, lines.Length);
        foreach (var line in lines)
        {
            var m = Recognised(_normalizer, FromLine(line));
            Assert.Equal(NormalizedType.Firewall, m.Type);
        }
    }

    [Fact]
    public void Every_access_log_line_except_the_rate_limit_summaries_is_a_firewall_record()
    {
        var lines = AllLines(File).Where(l => l.Contains("ACCESSLOG", StringComparison.Ordinal)).ToArray();
        foreach (var line in lines)
        {
            var m = Recognised(_normalizer, FromLine(line));
            var expected = line.Contains("ACCESSLOGRL", StringComparison.Ordinal) ? NormalizedType.Event : NormalizedType.Firewall;
            Assert.True(expected == m.Type, line);
        }
        Assert.Equal(43, lines.Length);
    }

    [Fact]
    public void Rate_limit_summary_is_a_generic_event_not_a_firewall_count()
    {
        var m = Line(85);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.Equal(EventKind.Generic, m.Kind);
    }

    [Fact]
    public void Failed_login_gives_auth_fail_with_source()
    {
        var m = Line(70);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("172.16.0.22", DetailValue(m, "source"));
        Assert.Null(DetailValue(m, "user"));
        Assert.Equal("Login Authentication Failed", DetailValue(m, "reason"));
    }

    [Theory]
    [InlineData(71, "admin", "172.16.0.22")]
    [InlineData(122, "john.smith", "10.2.55.3")]
    [InlineData(157, "username", "192.168.0.1")]
    public void Login_success_gives_auth_success_with_user_and_source(int line, string user, string source)
    {
        var m = Line(line);
        Assert.Equal(EventKind.AuthSuccess, m.Kind);
        Assert.Equal(user, DetailValue(m, "user"));
        Assert.Equal(source, DetailValue(m, "source"));
    }

    [Theory]
    [InlineData(77, EventKind.AuthFail)]
    [InlineData(78, EventKind.AuthSuccess)]
    public void Ssh_user_authentication_gives_auth_events(int line, EventKind kind)
    {
        var m = Line(line);
        Assert.Equal(kind, m.Kind);
        Assert.Equal("admin", DetailValue(m, "user"));
        Assert.Equal("172.16.0.22", DetailValue(m, "source"));
    }

    [Fact]
    public void Privilege_authentication_failure_gives_auth_fail_with_user_and_source()
    {
        var m = Line(73);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("qqq", DetailValue(m, "user"));
        Assert.Equal("192.168.87.228", DetailValue(m, "source"));
        Assert.Equal("vty1", DetailValue(m, "line"));
    }

    [Fact]
    public void Snmp_authentication_failure_gives_auth_fail_with_source()
    {
        var m = Line(76);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("69.175.126.170", DetailValue(m, "source"));
        Assert.Equal("snmp", DetailValue(m, "service"));
    }

    [Theory]
    [InlineData(9, "admin", "10.31.0.24", "vty0")]
    [InlineData(10, "admin", "console", "console")]
    [InlineData(12, null, "192.168.167.124", "snmp")]
    [InlineData(13, "rancid", "10.0.0.253", "vty0")]
    [InlineData(14, null, "172.17.1.51", "vty0")]
    [InlineData(15, "noc-sa", "10.10.10.10", "vty0")]
    [InlineData(137, "akroh", "10.100.11.10", "vty0")]
    [InlineData(161, "username", "192.168.0.1", "vty1")]
    public void Configured_from_gives_config_change_with_user_and_origin(int line, string? user, string from, string terminal)
    {
        var m = Line(line);
        Assert.Equal(EventKind.ConfigChange, m.Kind);
        Assert.Equal(user, DetailValue(m, "user"));
        Assert.Equal(from, DetailValue(m, "from"));
        Assert.Equal(terminal, DetailValue(m, "line"));
    }

    [Fact]
    public void Tftp_configuration_records_the_source_url()
    {
        var m = Line(8);
        Assert.Equal(EventKind.ConfigChange, m.Kind);
        Assert.Equal("tftp://10.83.21.224//cisco-bootstrap", DetailValue(m, "via"));
    }

    [Theory]
    [InlineData(11, Severity.Warning)]
    [InlineData(52, Severity.Critical)]
    [InlineData(162, Severity.Info)]
    [InlineData(146, Severity.Info)]
    public void Unmapped_mnemonics_are_generic_cisco_events_with_the_mnemonic_severity(int line, Severity severity)
    {
        var m = Line(line);
        Assert.Equal(EventKind.Generic, m.Kind);
        Assert.Equal(severity, m.Severity);
    }

    [Theory]
    [InlineData(143)]
    [InlineData(148)]
    public void Lines_without_a_mnemonic_are_not_recognised(int line)
        => Assert.False(_normalizer.TryNormalize(From(File, line), out _));

    [Fact]
    public void Every_line_with_a_mnemonic_is_recognised()
    {
        foreach (var line in AllLines(File))
        {
            bool hasMnemonic = line.Contains('%');
            Assert.True(hasMnemonic == _normalizer.TryNormalize(FromLine(line), out _), line);
        }
    }
}
