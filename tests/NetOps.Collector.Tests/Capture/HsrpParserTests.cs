using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Collector.Capture;

namespace NetOps.Collector.Tests.Capture;

public sealed class HsrpParserTests
{
    // Frame 11 of HSRP_election.pcap: v1 hello, active, hello 3 s, hold 10 s, priority 200, group 1, auth "cisco", VIP 192.168.0.1.
    private static byte[] V1() => Convert.FromHexString("000010030AC80100636973636F000000C0A80001");

    // Frame 12 of hsrp2-ipv6-vlan.pcapng: Group State TLV (active, group 16, priority 105, 10 s / 20 s, fe80::5:73ff:fea0:10), then MD5 auth.
    private static byte[] V2() => Convert.FromHexString(
        "0128020006060010AABBCC000120000000690000271000004E20FE800000000000000005" + "73FFFEA00010" + "041C01000000000000010000000051D1EC51AB34509AB2E33188CA4FEE3B");

    [Fact]
    public void A_v1_hello_is_read_and_its_password_is_not_kept()
    {
        Assert.True(HsrpParser.TryParse(V1(), out var m, out var error));
        Assert.Equal(HsrpParseError.None, error);
        Assert.Equal(new HsrpMessage(1, HsrpOpCode.Hello, HsrpState.Active, 1, 200, 3000, 10_000, System.Net.IPAddress.Parse("192.168.0.1")), m);
        Assert.DoesNotContain("cisco", m.ToString());
    }

    [Fact]
    public void A_v2_group_state_tlv_is_read_with_its_ipv6_virtual_address()
    {
        Assert.True(HsrpParser.TryParse(V2(), out var m, out _));
        Assert.Equal(new HsrpMessage(2, HsrpOpCode.Hello, HsrpState.Active, 16, 105, 10_000, 20_000, System.Net.IPAddress.Parse("fe80::5:73ff:fea0:10")), m);
    }

    [Theory]
    [InlineData("0003000000000000000000000000000000", HsrpParseError.NoGroupState)] // v1 Advertise (op code 3)
    [InlineData("020400000001", HsrpParseError.NoGroupState)]                       // v2 Interface State TLV only
    [InlineData("000010030AC80100636973636F000000C0A800", HsrpParseError.Truncated)]
    [InlineData("0000200310C80100636973636F000000C0A80001", HsrpParseError.BadValue)] // state 32
    [InlineData("0000100300C80100636973636F000000C0A80001", HsrpParseError.BadValue)] // hold time 0
    [InlineData("0100100310C80100636973636F000000C0A80001", HsrpParseError.Truncated)] // a Group State TLV of 0 bytes, not 40
    [InlineData("0128030006060010AABBCC000120000000690000271000004E20FE80000000000000000573FFFEA00010", HsrpParseError.UnknownVersion)] // TLV version 3
    [InlineData("05", HsrpParseError.UnknownVersion)]
    [InlineData("", HsrpParseError.Truncated)]
    public void Datagrams_that_are_not_a_group_message_are_refused_with_a_reason(string hex, HsrpParseError expected)
    {
        Assert.False(HsrpParser.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("E0000002", 1985, true)]
    [InlineData("E0000066", 1985, true)]
    [InlineData("E0000012", 1985, false)]
    [InlineData("C0A80001", 1985, false)]
    [InlineData("FF020000000000000000000000000066", 2029, true)]
    [InlineData("FF020000000000000000000000000066", 1985, false)]
    [InlineData("FF020000000000000000000100000066", 2029, false)]
    public void Only_the_hsrp_multicast_groups_are_hsrp(string address, int port, bool expected) =>
        Assert.Equal(expected, HsrpParser.IsHsrpDestination(Convert.FromHexString(address), (ushort)port));

    [Property(MaxTest = 10_000)]
    public void Any_bytes_are_rejected_or_parsed_without_throwing(byte[] data)
    {
        bool ok = HsrpParser.TryParse(data, out var m, out var error);
        Assert.Equal(ok, error == HsrpParseError.None);
        if (ok) Assert.InRange(m.HoldMs, 1, int.MaxValue);
    }

    [Property(MaxTest = 5_000)]
    public Property Mutated_real_messages_are_rejected_or_parsed_without_throwing(byte index, byte value, byte cut)
    {
        var v1 = V1();
        var v2 = V2();
        v1[index % v1.Length] = value;
        v2[index % v2.Length] = value;
        bool a = HsrpParser.TryParse(v1.AsSpan(0, Math.Min(v1.Length, cut)), out var m1, out _);
        bool b = HsrpParser.TryParse(v2.AsSpan(0, Math.Min(v2.Length, cut)), out var m2, out _);
        return ((!a || m1.Version == 1) && (!b || m2.Version == 2 && m2.Group <= 4095)).ToProperty();
    }
}
