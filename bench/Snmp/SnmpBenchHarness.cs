using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetOps.Collector.Snmp;

namespace NetOps.Bench.Snmp;

/// <summary>
/// <c>bench snmp [--agents 200] [--rounds 3] [--concurrency 16] [--devices 5000] [--keep]</c>: Debian's snmpsim serves
/// one simulated IF-MIB agent per loopback address (127.0.a.b, one <c>.snmprec</c> per agent, chosen by community),
/// and in the same run, round after round, every agent is polled by net-snmp's <c>snmpbulkwalk</c> (one process per
/// poll) and by NetOps' own <see cref="SnmpPoller"/> (in-process), with the same number of polls in flight: polls/s,
/// the poller's CPU and snmpsim's. Then the poller is configured for <c>--devices</c> devices and polls each once:
/// managed heap and working set per device for the inventory, the poller's targets and device state, and the
/// samplers' last snapshots.
/// </summary>
public static class SnmpBenchHarness
{
    private const string Usage = "usage: bench snmp [--agents 200] [--rounds 3] [--concurrency 16] [--devices 5000] [--keep]";
    private const string Ranges = "--agents 1–5000, --rounds 1–100, --concurrency 1–1024, --devices 1–50000";

    /// <summary>Endpoints one snmpsimd serves: it waits on its sockets with select(), which stops at descriptor 1024.</summary>
    private const int EndpointsPerSimulator = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        int agents = 200, rounds = 3, concurrency = 16, devices = 5000;
        bool keep = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--agents" when Number(args, i, 1, 5_000) is { } n: agents = n; i++; break;
                case "--rounds" when Number(args, i, 1, 100) is { } n: rounds = n; i++; break;
                case "--concurrency" when Number(args, i, 1, 1_024) is { } n: concurrency = n; i++; break;
                case "--devices" when Number(args, i, 1, 50_000) is { } n: devices = n; i++; break;
                case "--keep": keep = true; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--agents" or "--rounds" or "--concurrency" or "--devices":
                    Console.Error.WriteLine($"bench snmp: {args[i]} needs a whole number ({Ranges}); got {(i + 1 < args.Length ? $"'{args[i + 1]}'" : "nothing")}\n{Usage}");
                    return 2;
                default:
                    Console.Error.WriteLine($"bench snmp: unexpected '{args[i]}'\n{Usage}");
                    return 2;
            }
        }
        if (!OperatingSystem.IsLinux()) { Console.Error.WriteLine("bench snmp: Linux only (snmpsim, net-snmp and /proc)"); return 2; }
        foreach (var tool in new[] { "snmpsimd", "snmpbulkwalk" })
            if (Which(tool) is null) { Console.Error.WriteLine($"bench snmp: {tool} is not installed (./netops ensure_deps bench)"); return 2; }

        var dir = Directory.CreateTempSubdirectory("netops-bench-snmp-").FullName;
        var simulators = new List<SnmpSimProcess>();
        try
        {
            // snmpsimd runs as nobody when started by root: it must read the data and write its index.
            var data = Path.Combine(dir, "data");
            Directory.CreateDirectory(data);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
            SnmprecAgents.Write(data, agents);
            int port = FreeUdpPort();
            var all = Enumerable.Range(0, Math.Max(agents, devices)).Select(k => new IPEndPoint(SnmprecAgents.Address(k), port)).ToList();

            var started = Stopwatch.StartNew();
            await StartSimulatorsAsync(simulators, dir, data, all.Take(agents).ToList(), 0, agents);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench snmp: {agents} agents in {simulators.Count} snmpsimd on 127.0.0.1–{all[agents - 1].Address}:{port}, answering after {started.Elapsed.TotalSeconds:0.0} s ({dir})"));
            TimeSpan SimCpu() => simulators.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Cpu);

            var targets = Enumerable.Range(0, agents).Select(k => (all[k], SnmprecAgents.Community(k))).ToList();
            var (inventory, options) = PollerRig.Configure(agents, agents, port, concurrency);
            var rig = PollerRig.Create(inventory, options, agents);
            int requests = await CountRequestsAsync(all[0], SnmprecAgents.Community(0), options);

            // Warm-up, not counted: the JIT, snmpsim's first reads of each data file and index.
            Report("warm-up NetOps", await rig.RoundAsync(SimCpu, CancellationToken.None));
            Report("warm-up snmpbulkwalk", await BulkWalkRound.RunAsync(targets, concurrency, SimCpu, CancellationToken.None));
            var walks = new List<RoundResult>();
            var ours = new List<RoundResult>();
            for (int r = 1; r <= rounds; r++)
            {
                walks.Add(Report($"round {r} snmpbulkwalk", await BulkWalkRound.RunAsync(targets, concurrency, SimCpu, CancellationToken.None)));
                ours.Add(Report($"round {r} NetOps", await rig.RoundAsync(SimCpu, CancellationToken.None)));
            }
            long pointsPerRound = rig.Points / (rounds + 1);
            rig = null;

            var memory = await MeasureMemoryAsync(simulators, dir, data, all, agents, devices, port, concurrency, SimCpu);

            Console.WriteLine(Render(agents, rounds, concurrency, port, simulators.Count, requests, pointsPerRound, walks, ours, memory, devices));
            bool failed = walks.Concat(ours).Append(memory.Round).Any(r => r.Failed > 0);
            if (failed) Console.Error.WriteLine("bench snmp: some polls failed (see the rounds above)");
            return failed ? 1 : 0;
        }
        finally
        {
            foreach (var sim in simulators) sim.Dispose();
            if (!keep) Directory.Delete(dir, true);
        }
    }

    private static RoundResult Report(string what, RoundResult r)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench snmp: {what}: {r.Polls - r.Failed}/{r.Polls} polls in {r.Wall.TotalSeconds:0.00} s, {r.PollsPerSecond:0} polls/s, poller CPU {r.PollerCpu.TotalSeconds:0.00} s, snmpsim CPU {r.SimulatorCpu.TotalSeconds:0.00} s ({r.SimulatorBusy:P0} of a core)"));
        if (r.FirstFailure is { } f) Console.Error.WriteLine($"bench snmp:   failed: {f}");
        return r;
    }

    /// <summary>snmpsimd processes for <paramref name="endpoints"/> (agent or device k at index k - <paramref name="first"/>), each with its own index cache.</summary>
    private static async Task StartSimulatorsAsync(List<SnmpSimProcess> simulators, string dir, string data, IReadOnlyList<IPEndPoint> endpoints, int first, int agents)
    {
        for (int from = 0; from < endpoints.Count; from += EndpointsPerSimulator)
        {
            var chunk = endpoints.Skip(from).Take(EndpointsPerSimulator).ToList();
            var cache = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"cache{simulators.Count}"));
            Directory.CreateDirectory(cache);
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(cache, (UnixFileMode)0b111_111_111);
            int last = first + from + chunk.Count - 1;
            simulators.Add(await SnmpSimProcess.StartAsync(data, cache, chunk, SnmprecAgents.Community(last % agents), CancellationToken.None));
        }
    }

    /// <summary>GETBULK requests one NetOps walk of an agent takes (the poller's walk, with its MaxRepetitions).</summary>
    private static async Task<int> CountRequestsAsync(IPEndPoint agent, string community, SnmpOptions options)
    {
        using var client = new SnmpV2cClient();
        var walk = new InterfaceWalk(options.MaxInterfaces);
        int requests = 0;
        while (walk.NextRequest() is { } request)
        {
            requests++;
            var result = await client.GetBulkAsync(agent, Encoding.ASCII.GetBytes(community), request.NonRepeaters, options.MaxRepetitions, request.Oids,
                TimeSpan.FromMilliseconds(options.TimeoutMs), options.Retries, CancellationToken.None);
            if (result.Outcome != SnmpRequestOutcome.Ok || !walk.Absorb(result.Response!)) throw new InvalidOperationException($"walk of {agent}: {result.Outcome}");
        }
        if (walk.Rows.Count != SnmprecAgents.Interfaces) throw new InvalidOperationException($"walk of {agent}: {walk.Rows.Count} interfaces, not {SnmprecAgents.Interfaces}");
        return requests;
    }

    private sealed record MemoryResult(long Heap0, long HeapSites, long Heap1, long Heap2, long Heap3, long Ws0, long Ws1, long Ws2, long Ws3, RoundResult Round, int Simulators);

    /// <summary>
    /// The poller configured for <paramref name="devices"/> devices: the inventory and credentials, then the poller
    /// with its targets and device state, then one poll of every device (each sampler keeps its last snapshot). The
    /// devices beyond the agents get endpoints of their own in more snmpsimd processes (the inventory gives every
    /// device its own address), serving the agents' data files.
    /// </summary>
    private static async Task<MemoryResult> MeasureMemoryAsync(List<SnmpSimProcess> simulators, string dir, string data, List<IPEndPoint> all,
        int agents, int devices, int port, int concurrency, Func<TimeSpan> simCpu)
    {
        int before = simulators.Count;
        if (devices > agents)
        {
            var started = Stopwatch.StartNew();
            await StartSimulatorsAsync(simulators, dir, data, all.Skip(agents).Take(devices - agents).ToList(), agents, agents);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench snmp: {devices - agents} more endpoints in {simulators.Count - before} more snmpsimd, answering after {started.Elapsed.TotalSeconds:0.0} s"));
        }
        var (heap0, ws0) = Memory();
        // The sites alone first, so that the devices' share of the inventory is not the 1,789 sites' fixed cost.
        var sitesOnly = PollerRig.Configure(0, agents, port, concurrency);
        var (heapSites, _) = Memory();
        GC.KeepAlive(sitesOnly);
        sitesOnly = default;
        var (inventory, options) = PollerRig.Configure(devices, agents, port, concurrency);
        var (heap1, ws1) = Memory();
        var rig = PollerRig.Create(inventory, options, devices);
        var (heap2, ws2) = Memory();
        var round = Report($"{devices:N0} devices, one poll each", await rig.RoundAsync(simCpu, CancellationToken.None));
        var (heap3, ws3) = Memory();
        GC.KeepAlive(rig);
        return new MemoryResult(heap0, heapSites, heap1, heap2, heap3, ws0, ws1, ws2, ws3, round, simulators.Count);
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (heap, self.WorkingSet64);
    }

    private static string Render(int agents, int rounds, int concurrency, int port, int simulators, int requests, long pointsPerRound,
        List<RoundResult> walks, List<RoundResult> ours, MemoryResult m, int devices)
    {
        var inv = CultureInfo.InvariantCulture;
        var walk = Median(walks);
        var netops = Median(ours);
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"SNMP poll benchmark: {agents} snmpsim agents (v2c, {SnmprecAgents.Interfaces} interfaces, {SnmprecAgents.Objects} objects each) on UDP port {port}, {concurrency} polls in flight, median of {rounds} rounds, {Environment.ProcessorCount} CPUs");
        var rows = new List<string[]>
        {
            new[] { "poller", "polls/s", "wall s", "poller CPU ms/poll", "snmpsim CPU ms/poll", "snmpsim busy", "NetOps / this", "note" },
        };
        void Add(string name, RoundResult r, string note) => rows.Add([name, r.PollsPerSecond.ToString("N0", inv), r.Wall.TotalSeconds.ToString("0.00", inv),
            r.PollerCpuMsPerPoll.ToString("0.00", inv), r.SimulatorCpuMsPerPoll.ToString("0.00", inv), r.SimulatorBusy.ToString("P0", inv),
            (netops.PollsPerSecond / r.PollsPerSecond).ToString("0.00", inv) + "x", note]);
        Add("snmpbulkwalk -v2c -On -Cr25 .1.3.6.1.2.1", walk, "a process per poll, 3 GETBULKs (25 varbinds)");
        Add("NetOps SnmpPoller (in-process)", netops,
            string.Create(inv, $"{requests} GETBULK/poll (max-repetitions {new SnmpOptions().MaxRepetitions}, snmpsim answers ≤ 64 varbinds), {pointsPerRound / Math.Max(1, agents)} points/poll"));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var r in rows)
            sb.AppendLine(string.Join("  ", r.Select((cell, c) => c is 0 or 7 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        sb.AppendLine(inv, $"CPU per poll NetOps / snmpbulkwalk: {netops.PollerCpuMsPerPoll / walk.PollerCpuMsPerPoll:0.00}x; snmpsim used {netops.SimulatorBusy:P0} of a core during NetOps' rounds, {walk.SimulatorBusy:P0} during snmpbulkwalk's{(netops.SimulatorBusy > 0.8 ? ": snmpsim (Python) is the limit, not NetOps" : "")}");
        sb.AppendLine();
        sb.AppendLine(inv, $"Memory, {devices:N0} devices configured (GC.GetTotalMemory(true); working set):");
        sb.AppendLine(inv, $"  (the 1,789 sites and {agents} credentials alone: heap {Mb(m.HeapSites - m.Heap0)}, not counted below)");
        sb.AppendLine(inv, $"  devices in the inventory        heap {Mb(m.Heap1 - m.HeapSites),9}  {PerDevice(m.Heap1 - m.HeapSites, devices),9}/device   working set {Mb(m.Ws1 - m.Ws0),9}");
        sb.AppendLine(inv, $"  poller targets + device state   heap {Mb(m.Heap2 - m.Heap1),9}  {PerDevice(m.Heap2 - m.Heap1, devices),9}/device   working set {Mb(m.Ws2 - m.Ws1),9}");
        sb.AppendLine(inv, $"  after one poll (last snapshots) heap {Mb(m.Heap3 - m.Heap2),9}  {PerDevice(m.Heap3 - m.Heap2, devices),9}/device   working set {Mb(m.Ws3 - m.Ws2),9}");
        sb.AppendLine(inv, $"  total                           heap {Mb(m.Heap3 - m.HeapSites),9}  {PerDevice(m.Heap3 - m.HeapSites, devices),9}/device   working set {Mb(m.Ws3 - m.Ws0),9} (process {Mb(m.Ws3)})");
        sb.Append(inv, $"  the poll of all {devices:N0} ({m.Simulators} snmpsimd): {m.Round.PollsPerSecond:N0} polls/s, NetOps CPU {m.Round.PollerCpuMsPerPoll:0.00} ms/poll, snmpsim {m.Round.SimulatorCpuMsPerPoll:0.00} ms/poll, {m.Round.Failed} failed");
        return sb.ToString();
    }

    private static RoundResult Median(List<RoundResult> rounds) => rounds.OrderBy(r => r.PollsPerSecond).ElementAt(rounds.Count / 2);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static string PerDevice(long bytes, int devices) => (bytes / (double)devices).ToString("N0", CultureInfo.InvariantCulture) + " B";

    private static int? Number(string[] args, int i, int min, int max) =>
        i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static string? Which(string tool) => new[] { "/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/" }.Select(d => d + tool).FirstOrDefault(File.Exists);
}
