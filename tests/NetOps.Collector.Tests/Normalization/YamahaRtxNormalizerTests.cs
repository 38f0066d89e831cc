using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using static NetOps.Collector.Tests.Normalization.TestRecords;

namespace NetOps.Collector.Tests.Normalization;

/// <summary>
/// No public Yamaha RTX sample exists (shared/data/syslog/INDEX.md): every line here is our own, constructed from
/// the forms Yamaha documents for RTX filter, INSPECT, interface, PPP, tunnel, IKE, login and VRRP logs, with
/// documentation addresses (RFC 5737). RTX sends no timestamp or hostname after &lt;PRI&gt;.
/// </summary>
public sealed class YamahaRtxNormalizerTests
{
    private readonly YamahaRtxNormalizer _normalizer = new();

    private NormalizedMessage Normalize(string raw, string? hint = null) => Recognised(_normalizer, FromLine(raw, hint));

    [Theory]
    [InlineData("<14>PP[01] Rejected at IN(2000) filter: TCP 192.0.2.1:40980 > 198.51.100.2:80", FirewallAction.Deny, "PP[01]", "IN", "2000")]
    [InlineData("<14>LAN2 Rejected at OUT(default) filter: UDP 192.168.1.1:10395 > 203.0.113.53:53", FirewallAction.Deny, "LAN2", "OUT", "default")]
    [InlineData("<14>PP[01] Passed at IN(2001) filter: TCP 192.0.2.1:40981 > 198.51.100.2:443", FirewallAction.Permit, "PP[01]", "IN", "2001")]
    [InlineData("<14>2015/04/17 16:13:36: PP[01] Rejected at OUT(default) filter: UDP 192.168.1.1:10395 > 203.0.113.9:123", FirewallAction.Deny, "PP[01]", "OUT", "default")]
    public void Filter_logs_are_firewall_records_on_the_interface(string raw, FirewallAction action, string iface, string dir, string filter)
    {
        var m = Normalize(raw);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(action, m.Action);
        Assert.Equal(iface, m.Interface);
        Assert.Equal(dir, DetailValue(m, "dir"));
        Assert.Equal(filter, DetailValue(m, "filter"));
        Assert.NotNull(DetailValue(m, "dport"));
    }

    [Fact]
    public void Filter_log_carries_protocol_and_endpoints()
    {
        var m = Normalize("<14>PP[01] Rejected at IN(2000) filter: TCP 192.0.2.1:40980 > 198.51.100.2:80");
        Assert.Equal("TCP", DetailValue(m, "proto"));
        Assert.Equal("192.0.2.1", DetailValue(m, "src"));
        Assert.Equal("40980", DetailValue(m, "sport"));
        Assert.Equal("198.51.100.2", DetailValue(m, "dst"));
        Assert.Equal("80", DetailValue(m, "dport"));
    }

    [Theory]
    [InlineData("<13> [INSPECT] LAN2[out][200102] TCP 192.0.2.10:40980 > 198.51.100.20:80 (2012/06/19 10:10:44)", "LAN2", "out", "200102")]
    [InlineData("<13>[INSPECT] PP[01][out][101] TCP 192.0.2.10:40981 > 198.51.100.20:443 (2012/06/19 10:10:45)", "PP[01]", "out", "101")]
    public void Inspect_session_log_is_a_firewall_permit(string raw, string iface, string dir, string filter)
    {
        var m = Normalize(raw);
        Assert.Equal(NormalizedType.Firewall, m.Type);
        Assert.Equal(FirewallAction.Permit, m.Action);
        Assert.Equal(iface, m.Interface);
        Assert.Equal(dir, DetailValue(m, "dir"));
        Assert.Equal(filter, DetailValue(m, "filter"));
        Assert.Equal("198.51.100.20", DetailValue(m, "dst"));
    }

    [Theory]
    [InlineData("<14>LAN2: link down", EventKind.LinkDown, "LAN2")]
    [InlineData("<14>LAN2: link up (1000BASE-T Full Duplex)", EventKind.LinkUp, "LAN2")]
    [InlineData("<14>LAN1: PHY link down", EventKind.LinkDown, "LAN1")]
    [InlineData("<14>2015/04/24 13:29:47: PP[01] PPP/IPCP up  (Local: 198.51.100.7, Remote: 203.0.113.2)", EventKind.LinkUp, "PP[01]")]
    [InlineData("<14>PP[01] Disconnected, cause [LCP keepalive timeout]", EventKind.LinkDown, "PP[01]")]
    [InlineData("<14>TUNNEL[1] Connected", EventKind.TunnelUp, "TUNNEL[1]")]
    [InlineData("<14>TUNNEL[1] Disconnected", EventKind.TunnelDown, "TUNNEL[1]")]
    [InlineData("<14>IP Tunnel[2] Up", EventKind.TunnelUp, "TUNNEL[2]")]
    [InlineData("<14>IP Tunnel[2] Down", EventKind.TunnelDown, "TUNNEL[2]")]
    [InlineData("<14>[VRRP] LAN1 VRID 1: state changed to master", EventKind.VrrpMaster, "LAN1")]
    [InlineData("<14>[VRRP] LAN1 VRID 1: state changed to backup", EventKind.VrrpBackup, "LAN1")]
    public void Interface_tunnel_and_vrrp_logs_give_their_kinds(string raw, EventKind kind, string iface)
    {
        var m = Normalize(raw);
        Assert.Equal(NormalizedType.Event, m.Type);
        Assert.Equal(kind, m.Kind);
        Assert.Equal(iface, m.Interface);
    }

    [Fact]
    public void Ppp_up_records_local_and_remote_addresses()
    {
        var m = Normalize("<14>PP[01] PPP/IPCP up  (Local: 198.51.100.7, Remote: 203.0.113.2)");
        Assert.Equal("198.51.100.7", DetailValue(m, "local"));
        Assert.Equal("203.0.113.2", DetailValue(m, "remote"));
    }

    [Fact]
    public void Ike_sa_established_is_a_tunnel_up_with_the_sa_number()
    {
        var m = Normalize("<14>[IKE] SA[1] established");
        Assert.Equal(EventKind.TunnelUp, m.Kind);
        Assert.Equal("1", DetailValue(m, "sa"));
    }

    [Theory]
    [InlineData("<14>Login succeeded for TELNET: 192.0.2.1", EventKind.AuthSuccess, null)]
    [InlineData("<14>Login failed for TELNET: 192.0.2.1", EventKind.AuthFail, null)]
    [InlineData("<14>Login failed for SSH: 192.0.2.1", EventKind.AuthFail, null)]
    [InlineData("<14>'administrator' succeeded for TELNET: 192.0.2.1", EventKind.AuthSuccess, "administrator")]
    [InlineData("<14>'administrator' failed for TELNET: 192.0.2.1", EventKind.AuthFail, "administrator")]
    public void Login_logs_give_auth_events_with_service_and_source(string raw, EventKind kind, string? user)
    {
        var m = Normalize(raw);
        Assert.Equal(kind, m.Kind);
        Assert.Equal("192.0.2.1", DetailValue(m, "source"));
        Assert.NotNull(DetailValue(m, "service"));
        Assert.Equal(user, DetailValue(m, "user"));
    }

    [Fact]
    public void Configuration_saved_from_a_yamaha_device_is_a_config_change()
        => Assert.Equal(EventKind.ConfigChange, Normalize("<14>Configuration saved", YamahaRtxNormalizer.VendorName).Kind);

    [Theory]
    [InlineData("Configuration saved")] // too generic without the inventory's word
    [InlineData("%LINK-3-UPDOWN: Interface Gi0/1, changed state to down")]
    [InlineData("LAN party tonight")]
    [InlineData("")]
    public void Other_text_is_not_recognised_without_a_hint(string raw)
        => Assert.False(_normalizer.TryNormalize(FromLine(raw), out _));
}
