using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

public sealed class CounterDeltaTests
{
    [Fact]
    public void A_32_bit_counter_that_wrapped_gives_the_increment_across_the_wrap()
        => Assert.Equal(0x20UL + 0x10, CounterDelta.Compute(0xFFFF_FFF0, 0x20, is64Bit: false, agentRestarted: false));

    [Fact]
    public void A_64_bit_counter_that_went_back_gives_no_increment()
        => Assert.Null(CounterDelta.Compute(1_000_000, 10, is64Bit: true, agentRestarted: false));

    [Fact]
    public void After_an_agent_restart_no_increment_is_given_even_if_the_counter_grew()
        => Assert.Null(CounterDelta.Compute(100, 5_000, is64Bit: false, agentRestarted: true));

    [Fact]
    public void An_increment_beyond_what_the_line_can_carry_is_dropped_not_written_as_a_spike()
    {
        // 1 Gb/s for 60 s is 7.5 GB; a counter that jumped by 2^40 was reset, not used.
        ulong max = 1_000_000_000UL / 8 * 60 * 2;
        Assert.Null(CounterDelta.Compute(0, 1UL << 40, is64Bit: true, agentRestarted: false, max));
        Assert.Equal(1_000UL, CounterDelta.Compute(0, 1_000, is64Bit: true, agentRestarted: false, max));
    }

    [Fact]
    public void SysUpTime_going_back_is_a_restart_unless_enough_time_passed_for_its_wrap()
    {
        Assert.True(CounterDelta.Restarted(500_000, 1_000, TimeSpan.FromSeconds(60)));
        Assert.False(CounterDelta.Restarted(uint.MaxValue - 1_000, 5_000, TimeSpan.FromSeconds(60)));
        Assert.False(CounterDelta.Restarted(1_000, 7_000, TimeSpan.FromSeconds(60)));
    }
}
