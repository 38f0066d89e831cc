using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>Line numbers refer to shared/data/syslog/juniper.log (see INDEX.md there).</summary>
public sealed class JuniperNormalizerTests
{
    private const string File = "juniper.log";
    private readonly JuniperNormalizer _normalizer = new();

    private NormalizedMessage Line(int number, string? hint = null) => Recognised(_normalizer, From(File, number, hint));

    [Theory]
    [InlineData(33, EventKind.LinkDown, "xe-0/0/0")]
    [InlineData(35, EventKind.LinkUp, "xe-0/0/0")]
    [InlineData(90, EventKind.LinkDown, "ae5")]
    [InlineData(91, EventKind.LinkUp, "ge-2/0/11.0")]
    [InlineData(148, EventKind.LinkDown, "st0.60")] // RFC 5424: tag in MSGID, interface in structured data
    [InlineData(147, EventKind.LinkUp, "st0.60")]
    public void Snmp_link_traps_give_link_events_with_the_interface(int line, EventKind kind, string iface)
    {
        var m = Line(line);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(iface, m.Interface);
    }

    [Fact]
    public void Structured_link_trap_carries_index_and_states_from_the_structured_data()
    {
        var m = Line(148);
        Assert.Equal("508", DetailValue(m, "ifindex"));
        Assert.Equal("down(2)", DetailValue(m, "oper"));
        Assert.Equal("up(1)", DetailValue(m, "admin"));
    }

    [Fact]
    public void Bsd_link_trap_carries_index_and_states_from_the_text()
    {
        var m = Line(90);
        Assert.Equal("552", DetailValue(m, "ifindex"));
        Assert.Equal("down(2)", DetailValue(m, "oper"));
    }

    [Theory]
    [InlineData(15, EventKind.BgpDown, "Established", "Idle")]
    [InlineData(17, EventKind.BgpUp, "OpenConfirm", "Established")]
    [InlineData(76, EventKind.BgpDown, "Established", "Idle")]
    [InlineData(9, EventKind.Generic, "Active", "Connect")]
    [InlineData(16, EventKind.Generic, "Idle", "Connect")]
    [InlineData(20, EventKind.Generic, "OpenSent", "OpenConfirm")]
    public void Bgp_state_changes_count_only_transitions_through_established(int line, EventKind kind, string from, string to)
    {
        var m = Line(line);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(from, DetailValue(m, "from"));
        Assert.Equal(to, DetailValue(m, "to"));
    }

    [Fact]
    public void Bgp_down_carries_peer_as_and_event()
    {
        var m = Line(15);
        Assert.Equal("1.1.1.1", DetailValue(m, "peer"));
        Assert.Equal("2222", DetailValue(m, "as"));
        Assert.Equal("HoldTime", DetailValue(m, "event"));
        Assert.Equal("master", DetailValue(m, "instance"));
        Assert.Equal("10.99.2.2", DetailValue(Line(76), "peer"));
    }

    [Fact]
    public void Every_bgp_neighbor_state_line_is_recognised()
    {
        var lines = AllLines(File).Where(l => l.Contains("RPD_BGP_NEIGHBOR_STATE_CHANGED", StringComparison.Ordinal)).ToArray();
        Assert.Equal(13, lines.Length);
        Assert.All(lines, l => Recognised(_normalizer, FromLine(l)));
    }

    [Theory]
    [InlineData(53, EventKind.OspfDown, "Full", "Down")]
    [InlineData(54, EventKind.OspfDown, "Full", "Down")]
    [InlineData(55, EventKind.OspfUp, "Exchange", "Full")]
    [InlineData(58, EventKind.OspfUp, "Loading", "Full")]
    [InlineData(56, EventKind.Generic, "Init", "2Way")]
    [InlineData(57, EventKind.Generic, "Init", "ExStart")]
    public void Ospf_neighbor_changes_give_up_only_on_reaching_full(int line, EventKind kind, string from, string to)
    {
        var m = Line(line);
        Assert.Equal(kind, m.Kind);
        Assert.Equal("ge-0/0/0.0", m.Interface);
        Assert.Equal("1.1.1.1", DetailValue(m, "neighbor"));
        Assert.Equal("0.0.0.0", DetailValue(m, "area"));
        Assert.Equal(from, DetailValue(m, "from"));
        Assert.Equal(to, DetailValue(m, "to"));
    }

    [Fact]
    public void Ospf_down_without_a_header_host_gives_the_interface_from_the_realm()
    {
        var m = Line(100);
        Assert.Equal(EventKind.OspfDown, m.Kind);
        Assert.Equal("em1.0", m.Interface);
        Assert.Equal("InActiveTimer", DetailValue(m, "reason"));
    }

    [Theory]
    [InlineData(46)]
    [InlineData(47)]
    [InlineData(48)]
    [InlineData(131)]
    public void Session_create_is_a_firewall_permit(int line)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(FirewallAction.Permit, m.Action);
    }

    [Fact]
    public void Session_create_carries_endpoints_service_and_ingress_interface()
    {
        var m = Line(46);
        Assert.Equal("172.16.0.1", DetailValue(m, "src"));
        Assert.Equal("23456", DetailValue(m, "sport"));
        Assert.Equal("8.8.8.8", DetailValue(m, "dst"));
        Assert.Equal("443", DetailValue(m, "dport"));
        Assert.Equal("junos-https", DetailValue(m, "service"));
        Assert.Equal("hu-1/0/0.0", m.Interface);
    }

    [Theory]
    [InlineData(43)]
    [InlineData(44)]
    [InlineData(45)]
    [InlineData(130)]
    public void Session_close_is_a_redundant_event_so_a_session_is_counted_once(int line)
    {
        var m = Line(line);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.Equal(EventKind.Generic, m.Kind);
        Assert.True(m.Redundant);
    }

    [Fact]
    public void Structured_session_deny_inside_the_message_is_a_firewall_deny_with_structured_facts()
    {
        var m = Line(128);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(FirewallAction.Deny, m.Action);
        Assert.Equal("intf2.302", m.Interface);
        Assert.Equal("192.168.1.1", DetailValue(m, "src"));
        Assert.Equal("8010", DetailValue(m, "dport"));
        Assert.Equal("Local-Default-Deny", DetailValue(m, "policy"));
    }

    [Fact]
    public void Bsd_session_deny_is_a_firewall_deny_with_endpoints()
    {
        var m = Line(132);
        Assert.Equal(FirewallAction.Deny, m.Action);
        Assert.Equal("10.0.0.1", DetailValue(m, "src"));
        Assert.Equal("53", DetailValue(m, "dport"));
        Assert.Equal("ge-0/0/0.0", m.Interface);
    }

    [Fact]
    public void Commit_request_gives_config_change_with_the_user()
    {
        var m = Line(27);
        Assert.Equal(EventKind.ConfigChange, m.Kind);
        Assert.Equal("luke", DetailValue(m, "user"));
        Assert.Equal("requested", DetailValue(m, "stage"));
        Assert.Equal("hello", DetailValue(m, "comment"));
    }

    [Theory]
    [InlineData(26)]
    [InlineData(70)]
    public void Commit_completed_gives_config_change(int line)
    {
        var m = Line(line);
        Assert.Equal(EventKind.ConfigChange, m.Kind);
        Assert.Equal("completed", DetailValue(m, "stage"));
    }

    [Fact]
    public void Structured_ssh_login_failure_gives_auth_fail_with_user_and_source()
    {
        var m = Line(149);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("aaaaa", DetailValue(m, "user"));
        Assert.Equal("175.16.199.0", DetailValue(m, "source"));
    }

    [Theory]
    [InlineData(116, "10.10.65.11")]
    [InlineData(117, "10.17.58.127")]
    [InlineData(144, "216.160.83.56")]
    public void Snmp_community_failures_give_auth_fail_with_source(int line, string source)
    {
        var m = Line(line);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal(source, DetailValue(m, "source"));
    }

    [Fact]
    public void Sshd_failed_password_from_a_juniper_device_gives_auth_fail()
    {
        var m = Line(113, JuniperNormalizer.VendorName);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("andy", DetailValue(m, "user"));
        Assert.Equal("213.42.62.191", DetailValue(m, "source"));
    }

    [Fact]
    public void Login_failure_from_a_juniper_device_gives_auth_fail_with_source()
    {
        var m = Line(114, JuniperNormalizer.VendorName);
        Assert.Equal(EventKind.AuthFail, m.Kind);
        Assert.Equal("10.0.0.4", DetailValue(m, "source"));
    }

    [Fact]
    public void Untagged_unix_text_is_left_to_others_without_a_juniper_hint()
        => Assert.False(_normalizer.TryNormalize(From(File, 113), out _));

    [Fact]
    public void Ui_login_event_gives_auth_success_with_user_and_source()
    {
        var m = Line(111);
        Assert.Equal(EventKind.AuthSuccess, m.Kind);
        Assert.Equal("admin", DetailValue(m, "user"));
        Assert.Equal("212.44.12.198", DetailValue(m, "source"));
    }

    [Theory]
    // Constructed from the Junos system log reference forms of VRRPD_NEW_MASTER / VRRPD_NEW_BACKUP (no sample exists).
    [InlineData("<28>Mar  3 10:11:12 lgwan-rt1 vrrpd[1410]: VRRPD_NEW_MASTER: Interface ge-0/0/1.0 (local address 10.35.1.2) became VRRP master for group 1 with master reason masterNoResponse", EventKind.VrrpMaster)]
    [InlineData("<28>Mar  3 10:11:12 lgwan-rt1 vrrpd[1410]: VRRPD_NEW_BACKUP: Interface ge-0/0/1.0 (local address 10.35.1.2) became VRRP backup for group 1", EventKind.VrrpBackup)]
    public void Vrrp_new_master_and_backup_give_vrrp_events_with_interface_and_group(string raw, EventKind kind)
    {
        var m = Recognised(_normalizer, FromLine(raw));
        Assert.Equal(kind, m.Kind);
        Assert.Equal("ge-0/0/1.0", m.Interface);
        Assert.Equal("1", DetailValue(m, "group"));
        Assert.Equal("10.35.1.2", DetailValue(m, "local"));
    }

    [Theory]
    [InlineData(1)]   // BGP_CEASE_PREFIX_LIMIT_EXCEEDED
    [InlineData(124)] // bare UI_CHILD_START
    [InlineData(133)] // KMD_PM_SA_ESTABLISHED in MSGID
    [InlineData(127)] // RT_SCREEN_IP with structured data in the message
    public void Unmapped_junos_tags_are_generic_juniper_events(int line)
        => Assert.Equal(EventKind.Generic, Line(line).Kind);

    [Fact]
    public void Every_tagged_or_structured_line_is_recognised()
    {
        var recognised = AllLines(File).Count(l => _normalizer.TryNormalize(FromLine(l), out _));
        // 161 lines; the 63 without a tag or junos@ data (alarm text, kernel, kmd prose, cron, sshd …) are left to
        // the generic normaliser and counted as unknown.
        Assert.Equal(98, recognised);
    }
}
