using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace NetOps.Bench.Snmp;

/// <summary>
/// One round of net-snmp's <c>snmpbulkwalk -v2c -On -Cr25</c> of mib-2 (all an agent holds: system, ifTable and
/// ifXTable) against every agent, <c>concurrency</c> processes at a time. Its CPU is the children's, from
/// <c>/proc/self/stat</c>: each walk is a whole process, as a script polling with net-snmp runs it.
/// </summary>
public static class BulkWalkRound
{
    public static async Task<RoundResult> RunAsync(IReadOnlyList<(IPEndPoint Agent, string Community)> agents, int concurrency, Func<TimeSpan> simCpu, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(concurrency);
        int failed = 0;
        string? firstFailure = null;
        var childrenBefore = ProcStat.ChildrenOfSelf();
        var simBefore = simCpu();
        var sw = Stopwatch.StartNew();
        var walks = agents.Select(async a =>
        {
            await slots.WaitAsync(ct);
            try
            {
                var (ok, problem) = await WalkAsync(a.Agent, a.Community, ct);
                if (!ok && Interlocked.Increment(ref failed) == 1) firstFailure = problem;
            }
            finally { slots.Release(); }
        }).ToList();
        await Task.WhenAll(walks);
        sw.Stop();
        return new RoundResult(agents.Count, failed, sw.Elapsed, ProcStat.ChildrenOfSelf() - childrenBefore, simCpu() - simBefore, firstFailure);
    }

    /// <summary>One walk; it is good when it exits 0 with every object the agent holds.</summary>
    private static async Task<(bool, string?)> WalkAsync(IPEndPoint agent, string community, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("snmpbulkwalk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v2c", "-c", community, "-On", "-Cr25", "-t", "2", "-r", "1", agent.ToString(), ".1.3.6.1.2.1" })
            psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("snmpbulkwalk did not start");
        var errTask = p.StandardError.ReadToEndAsync(ct);
        int objects = 0;
        while (await p.StandardOutput.ReadLineAsync(ct) is { } line)
            if (line.Contains(" = ", StringComparison.Ordinal) && !line.Contains("No more variables", StringComparison.Ordinal)) objects++;
        await p.WaitForExitAsync(ct);
        var err = await errTask;
        if (p.ExitCode != 0 || objects != SnmprecAgents.Objects)
            return (false, string.Create(CultureInfo.InvariantCulture, $"snmpbulkwalk {agent} -c {community}: exit {p.ExitCode}, {objects} of {SnmprecAgents.Objects} objects {err.Trim()}"));
        return (true, null);
    }
}
