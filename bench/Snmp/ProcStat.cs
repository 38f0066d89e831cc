using System.Globalization;

namespace NetOps.Bench.Snmp;

/// <summary>CPU times from a <c>/proc/PID/stat</c> line (proc(5)); the kernel reports them in USER_HZ, 100 a second.</summary>
public static class ProcStat
{
    private const double TicksPerSecond = 100;

    /// <summary>
    /// utime + stime, or with <paramref name="children"/> cutime + cstime: the CPU of the children this process has
    /// waited for (every snmpbulkwalk once .NET has reaped it).
    /// </summary>
    public static TimeSpan Cpu(string stat, bool children)
    {
        // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        int first = children ? 13 : 11; // fields 16/17 (cutime, cstime) or 14/15 (utime, stime), counted from field 3
        long ticks = long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[first + 1], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>CPU of the children of this process that have exited and been waited for.</summary>
    public static TimeSpan ChildrenOfSelf() => Cpu(File.ReadAllText("/proc/self/stat"), children: true);
}
