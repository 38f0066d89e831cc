using NetOps.Collector.Flows;

namespace NetOps.Collector.Tests.Flows;

public sealed class FlowOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_design()
    {
        var o = new FlowOptions();
        Assert.Empty(o.Validate());
        Assert.Equal(2055, o.NetFlowPort);
        Assert.Equal(4739, o.IpfixPort);
        Assert.Equal(10, o.AggregationSeconds);
    }

    [Fact]
    public void Errors_name_the_configuration_key()
    {
        var errors = new FlowOptions { NetFlowPort = 70_000, IpfixPort = -1, BindAddress = "localhost" }.Validate().ToList();
        Assert.Contains(errors, e => e.StartsWith("Collector:NetFlow:Port", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Collector:Ipfix:Port", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Collector:Flows:BindAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void Both_ports_may_not_be_the_same_but_either_may_be_off()
    {
        Assert.NotEmpty(new FlowOptions { NetFlowPort = 9995, IpfixPort = 9995 }.Validate());
        Assert.Empty(new FlowOptions { NetFlowPort = 0, IpfixPort = 0 }.Validate());
        Assert.Empty(new FlowOptions { NetFlowPort = 0 }.Validate());
    }
}
