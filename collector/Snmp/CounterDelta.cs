namespace NetOps.Collector.Snmp;

/// <summary>
/// Turns successive raw counter readings into increments without spikes. A 32-bit counter that went back wrapped
/// once (the increment is taken modulo 2^32) unless the agent restarted (sysUpTime went back), in which case the
/// interval has no trustworthy increment and none is given; a 64-bit counter that went back is never a wrap
/// (2^64 octets take centuries) and gives none. An increment larger than the interface could carry in the elapsed
/// time (a counter reset the agent did not announce) is dropped too.
/// </summary>
public static class CounterDelta
{
    /// <summary>
    /// The increment from <paramref name="previous"/> to <paramref name="current"/>, or null when it cannot be trusted.
    /// <paramref name="maxIncrement"/> (0 = no bound) is the most the interval could carry, e.g. speed × seconds / 8 × 2.
    /// </summary>
    public static ulong? Compute(ulong previous, ulong current, bool is64Bit, bool agentRestarted, ulong maxIncrement = 0)
    {
        if (agentRestarted) return null;
        ulong delta;
        if (current >= previous) delta = current - previous;
        else if (is64Bit) return null;
        else delta = (uint)((current & 0xFFFF_FFFF) - (previous & 0xFFFF_FFFF)); // one wrap of 2^32
        if (maxIncrement != 0 && delta > maxIncrement) return null;
        return delta;
    }

    /// <summary>
    /// True when the agent restarted between two readings of sysUpTime (TimeTicks, 1/100 s): it went back. sysUpTime
    /// itself wraps after 497 days; a wrap is told from a restart by the wall time elapsed (a wrap needs the previous
    /// reading to have been near 2^32).
    /// </summary>
    public static bool Restarted(uint previousUptime, uint currentUptime, TimeSpan wallElapsed)
    {
        if (currentUptime >= previousUptime) return false;
        ulong expected = previousUptime + (ulong)Math.Max(0, wallElapsed.TotalMilliseconds / 10);
        return expected < (1UL << 32); // not enough time passed to reach the wrap: a restart
    }
}
