using NetOps.Collector.Snmp;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Snmp;

public sealed class InterfaceSamplerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Device Router = new()
    {
        Name = "shimonoseki-rt1", Line = "primary", Addresses = ["10.35.1.1"],
        Interfaces = new() { ["primary"] = "GigabitEthernet0/0", ["backup"] = "GigabitEthernet0/1" },
    };

    private static InterfaceRow Row(uint index, ulong inOctets, ulong outOctets, bool is64 = true, string name = "Gi0/0", int oper = 1, ulong errors = 0) => new(index)
    {
        Name = name, OperStatus = oper, InOctets = inOctets, OutOctets = outOctets, InOctets64 = is64, OutOctets64 = is64,
        InErrors = errors, OutErrors = errors, HighSpeedMbps = 1000,
    };

    private static InterfaceSnapshot Snap(uint uptime, TimeSpan after, params InterfaceRow[] rows) =>
        new(uptime, rows.ToDictionary(r => r.Index), T0 + after);

    private static object? Field(Point p, string name) => p.Fields.FirstOrDefault(f => f.Key == name) is { Key: not null } f ? f.Value.ToString().TrimEnd('i') : null;
    private static string Tag(Point p, string name) => p.Tags.First(t => t.Key == name).Value;

    [Fact]
    public void The_first_poll_writes_oper_up_but_no_octets()
    {
        var sampler = new InterfaceSampler();
        var p = Assert.Single(sampler.Sample("352012", Router, Snap(100, TimeSpan.Zero, Row(1, 5_000, 6_000))));
        Assert.Equal("interface", p.Measurement);
        Assert.Equal("1", Field(p, "oper_up"));
        Assert.Null(Field(p, "in_octets"));
        Assert.Null(Field(p, "out_octets"));
        Assert.Equal("352012", Tag(p, "site"));
        Assert.Equal("shimonoseki-rt1", Tag(p, "device"));
        Assert.Equal("Gi0/0", Tag(p, "ifname"));
    }

    [Fact]
    public void The_second_poll_writes_the_increments_since_the_first()
    {
        var sampler = new InterfaceSampler();
        sampler.Sample("352012", Router, Snap(100, TimeSpan.Zero, Row(1, 5_000, 6_000, errors: 2)));
        var p = Assert.Single(sampler.Sample("352012", Router, Snap(6_100, TimeSpan.FromSeconds(60), Row(1, 7_500, 6_100, errors: 5))));
        Assert.Equal("2500", Field(p, "in_octets"));
        Assert.Equal("100", Field(p, "out_octets"));
        Assert.Equal("3", Field(p, "in_errors"));
        Assert.Equal("60", Field(p, "elapsed_s"));
    }

    [Fact]
    public void A_32_bit_counter_that_wrapped_gives_the_increment_across_the_wrap_not_a_negative_value()
    {
        var sampler = new InterfaceSampler();
        sampler.Sample("352012", Router, Snap(100, TimeSpan.Zero, Row(1, 0xFFFF_FF00, 10, is64: false)));
        var p = Assert.Single(sampler.Sample("352012", Router, Snap(6_100, TimeSpan.FromSeconds(60), Row(1, 0x100, 20, is64: false))));
        Assert.Equal("512", Field(p, "in_octets"));
    }

    [Fact]
    public void After_an_agent_restart_the_interval_has_no_increment_and_the_next_one_does()
    {
        var sampler = new InterfaceSampler();
        sampler.Sample("352012", Router, Snap(900_000, TimeSpan.Zero, Row(1, 9_000_000, 9_000_000)));
        var restarted = Assert.Single(sampler.Sample("352012", Router, Snap(500, TimeSpan.FromSeconds(60), Row(1, 9_500_000, 10, errors: 0))));
        Assert.Null(Field(restarted, "in_octets")); // grew, but across a restart: not trusted
        Assert.Null(Field(restarted, "out_octets"));
        Assert.Equal("1", Field(restarted, "oper_up"));
        var next = Assert.Single(sampler.Sample("352012", Router, Snap(6_500, TimeSpan.FromSeconds(120), Row(1, 9_600_000, 110))));
        Assert.Equal("100000", Field(next, "in_octets"));
        Assert.Equal("100", Field(next, "out_octets"));
    }

    [Fact]
    public void A_counter_that_changed_from_32_to_64_bit_gives_no_increment_for_that_interval()
    {
        var sampler = new InterfaceSampler();
        sampler.Sample("352012", Router, Snap(100, TimeSpan.Zero, Row(1, 5_000, 5_000, is64: false)));
        var p = Assert.Single(sampler.Sample("352012", Router, Snap(6_100, TimeSpan.FromSeconds(60), Row(1, 1UL << 40, 1UL << 40, is64: true))));
        Assert.Null(Field(p, "in_octets"));
    }

    [Fact]
    public void An_ifIndex_that_now_names_another_interface_starts_over()
    {
        var sampler = new InterfaceSampler();
        sampler.Sample("352012", Router, Snap(100, TimeSpan.Zero, Row(1, 5_000, 5_000, name: "Gi0/0")));
        var p = Assert.Single(sampler.Sample("352012", Router, Snap(6_100, TimeSpan.FromSeconds(60), Row(1, 9_000, 9_000, name: "Tunnel7"))));
        Assert.Null(Field(p, "in_octets"));
        Assert.Equal("Tunnel7", Tag(p, "ifname"));
    }

    [Theory]
    [InlineData("Gi0/0", null, "primary")]
    [InlineData("GigabitEthernet0/1", null, "backup")]
    [InlineData(null, "Gi0/1", "backup")]
    [InlineData("Gi0/2", "GigabitEthernet0/2", "none")]
    public void With_an_interfaces_map_a_port_carries_the_line_it_names_and_others_none(string? name, string? descr, string line)
        => Assert.Equal(line, InterfaceSampler.LineOf(Router, new InterfaceRow(1) { Name = name, Descr = descr }).ToTag());

    [Theory]
    [InlineData("backup", "backup")]
    [InlineData(null, "none")]
    public void Without_an_interfaces_map_every_port_carries_the_devices_line(string? deviceLine, string line)
        => Assert.Equal(line, InterfaceSampler.LineOf(new Device { Name = "rt2", Line = deviceLine }, new InterfaceRow(3) { Name = "lan1" }).ToTag());

    [Fact]
    public void An_interface_name_that_cannot_be_a_tag_is_written_as_its_index()
    {
        Assert.Equal("if7", InterfaceSampler.TagName(new InterfaceRow(7) { Name = "\\" }));
        Assert.Equal("if7", InterfaceSampler.TagName(new InterfaceRow(7) { Name = "  " }));
        Assert.Equal("eth0 x", InterfaceSampler.TagName(new InterfaceRow(7) { Name = "eth0\nx" }));
        Assert.Equal("lan1", InterfaceSampler.TagName(new InterfaceRow(7) { Descr = "lan1" }));
    }

    [Fact]
    public void A_walk_without_64_bit_counters_feeds_the_sampler_32_bit_increments()
    {
        var first = InterfaceWalkTests.Walk(InterfaceWalkTests.Agent(hc: false, upTime: 100, in1: 1_000));
        var second = InterfaceWalkTests.Walk(InterfaceWalkTests.Agent(hc: false, upTime: 6_100, in1: 1_700));
        var sampler = new InterfaceSampler();
        sampler.Sample("352012", Router, new InterfaceSnapshot(first.SysUpTime, first.Rows, T0));
        var points = sampler.Sample("352012", Router, new InterfaceSnapshot(second.SysUpTime, second.Rows, T0.AddSeconds(60)));
        Assert.Equal(2, points.Count);
        Assert.Equal("700", Field(points[0], "in_octets"));
        Assert.Equal("1400", Field(points[1], "in_octets"));
        Assert.Equal("primary", Tag(points[0], "line"));
        Assert.Equal("backup", Tag(points[1], "line"));
        Assert.Equal("0", Field(points[1], "oper_up"));
    }
}
