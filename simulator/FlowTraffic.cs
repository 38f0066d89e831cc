using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;

namespace NetOps.Simulator;

/// <summary>
/// The sites' routed traffic as flow exports: flows between each site's own /24 and LGWAN services (the national
/// centre, the prefecture node, ASP services), with a realistic protocol mix and sizes. A site's traffic is exported by
/// its primary router (NetFlow v9) until a failover drill moves it to the backup router (IPFIX), and back at switchback.
/// </summary>
public sealed class FlowTraffic : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    // (protocol, server port, weight, typical bytes per packet, packets mean): web dominates bytes, DNS and NTP flows
    private static readonly (byte Proto, ushort Port, int Weight, int PacketBytes, int Packets)[] Services =
    [
        (6, 443, 40, 1100, 60), (6, 80, 10, 900, 30), (17, 53, 25, 90, 1), (17, 123, 5, 76, 1), (6, 25, 5, 700, 20),
        (6, 389, 5, 300, 10), (1, 0, 4, 84, 4), (50, 0, 3, 1200, 200), (47, 0, 1, 600, 50), (6, 445, 2, 1000, 40),
    ];

    private readonly IReadOnlyList<SimulatedSite> _sites;
    private readonly Dictionary<SimulatedDevice, FlowExporter> _exporters = [];
    private readonly ConcurrentDictionary<string, bool> _onBackup = new();
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly int _weightTotal = Services.Sum(s => s.Weight);
    private long _flows, _packets, _errors;

    public FlowTraffic(IReadOnlyList<SimulatedSite> sites, IPEndPoint netflow, IPEndPoint ipfix, TimeProvider time, int seed)
    {
        _sites = sites;
        _time = time;
        _random = new Random(seed);
        foreach (var site in sites)
        {
            _exporters[site.PrimaryRouter] = new FlowExporter(site.PrimaryRouter, false, netflow, IPAddress.IsLoopback(netflow.Address), time);
            _exporters[site.BackupRouter] = new FlowExporter(site.BackupRouter, true, ipfix, IPAddress.IsLoopback(ipfix.Address), time);
        }
    }

    public long Flows => Interlocked.Read(ref _flows);
    public long Packets => Interlocked.Read(ref _packets);
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Called with each flow's site, direction (true: into the site) and bytes, so that interface counters follow the flows.</summary>
    public Action<SimulatedSite, bool, ulong>? Carried { get; set; }

    /// <summary>The drill hook: while true, <paramref name="site"/>'s traffic goes over (and is exported by) the backup router.</summary>
    public void SetBackupCarrying(SimulatedSite site, bool backup) => _onBackup[site.Code] = backup;

    public async Task RunAsync(double flowsPerSecond, CancellationToken cancellationToken)
    {
        if (flowsPerSecond <= 0 || _sites.Count == 0) return;
        using var timer = new PeriodicTimer(Tick, _time);
        long last = _time.GetTimestamp();
        double due = 0;
        var perExporter = new Dictionary<FlowExporter, List<SimulatedFlow>>();
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            long now = _time.GetTimestamp();
            due = Math.Min(due + flowsPerSecond * _time.GetElapsedTime(last, now).TotalSeconds, Math.Max(1, flowsPerSecond));
            last = now;
            foreach (var list in perExporter.Values) list.Clear();
            for (; due >= 1; due--)
            {
                var site = _sites[_random.Next(_sites.Count)];
                var exporter = _exporters[_onBackup.GetValueOrDefault(site.Code) ? site.BackupRouter : site.PrimaryRouter];
                if (!perExporter.TryGetValue(exporter, out var list)) perExporter[exporter] = list = [];
                list.Add(NextFlow(site, exporter));
            }
            foreach (var (exporter, list) in perExporter)
            {
                if (list.Count == 0) continue;
                int sent = exporter.Send(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
                if (sent < 0) Interlocked.Increment(ref _errors);
                else
                {
                    Interlocked.Add(ref _packets, sent);
                    Interlocked.Add(ref _flows, list.Count);
                }
            }
        }
    }

    private SimulatedFlow NextFlow(SimulatedSite site, FlowExporter exporter)
    {
        var (proto, port, _, packetBytes, meanPackets) = PickService();
        uint local = SiteHost(site.Index, 10 + _random.Next(200));
        uint remote = RemoteHost(site);
        // Half the flows are the servers' answers: into the site.
        bool inbound = _random.Next(2) == 0;
        uint packets = (uint)Math.Max(1, (int)(meanPackets * -Math.Log(1 - _random.NextDouble())));
        uint bytes = (uint)(packets * Math.Max(40, packetBytes + _random.Next(-packetBytes / 3, packetBytes / 3 + 1)));
        ushort ephemeral = (ushort)_random.Next(32_768, 61_000);
        Carried?.Invoke(site, inbound, bytes);
        bool ports = proto is 6 or 17;
        long endMs = _time.GetUtcNow().ToUnixTimeMilliseconds() - _random.Next(1000);
        long startMs = endMs - _random.Next(packets > 1 ? 30_000 : 1);
        // The primary router's LAN is Gi0/1 (ifIndex 2) and its WAN Gi0/0 (1); the backup router's LAN1/LAN2 likewise.
        return new SimulatedFlow(
            inbound ? remote : local, inbound ? local : remote,
            ports ? (inbound ? port : ephemeral) : (ushort)0, ports ? (inbound ? ephemeral : port) : (ushort)0,
            proto, proto == 6 ? (byte)0x1b : (byte)0, packets, bytes, startMs, endMs,
            inbound ? (ushort)1 : (ushort)2, inbound ? (ushort)2 : (ushort)1, inbound ? (byte)0 : (byte)1);
    }

    private (byte, ushort, int, int, int) PickService()
    {
        int roll = _random.Next(_weightTotal);
        foreach (var s in Services)
        {
            if (roll < s.Weight) return s;
            roll -= s.Weight;
        }
        return Services[0];
    }

    /// <summary>The site's own range in the demo inventory: 10.(i/256).(i%256).0/24.</summary>
    private static uint SiteHost(int index, int host) => BinaryPrimitives.ReadUInt32BigEndian([10, (byte)(index / 256), (byte)(index % 256), (byte)host]);

    /// <summary>A service at the national centre (site 0), at another site of the demo, or at an LGWAN-ASP provider.</summary>
    private uint RemoteHost(SimulatedSite site) => _random.Next(10) switch
    {
        < 4 => SiteHost(0, 10 + _random.Next(8)),
        < 7 => SiteHost(_sites[_random.Next(_sites.Count)].Index, 10 + _random.Next(4)),
        _ => BinaryPrimitives.ReadUInt32BigEndian([172, 16, (byte)_random.Next(4), (byte)(10 + _random.Next(5))]),
    };

    public void Dispose()
    {
        foreach (var exporter in _exporters.Values) exporter.Dispose();
    }
}
