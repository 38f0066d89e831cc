using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Aggregation;
using NetOps.Collector.Capture;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Flows;
using NetOps.Collector.Normalization;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Integration.Tests.Attacks;

/// <summary>
/// Ordinary traffic of two municipalities through the collector's own stages, in packet time: frames into a
/// <see cref="CapturePipeline"/> per site (<c>packets</c>, <c>scan_top</c>), flows into the <see cref="FlowAggregator"/>
/// (<c>flow</c>, <c>scan_top</c>), firewall decisions into the <see cref="FirewallCounter"/>, and the odd mistyped
/// password as an <c>auth_fail</c> event. Rates follow Japanese office hours: busy 09–18 JST, quiet at night.
/// </summary>
internal sealed class QuietDay
{
    public const long WindowNs = 10_000_000_000L;

    public static readonly (string Code, string Name, int Octet)[] Sites = [("352012", "下関市", 35), ("352021", "宇部市", 36)];

    private static readonly ushort[] Services = [443, 443, 443, 443, 80, 25, 389, 445];

    private readonly Random _random = new(2026);
    private readonly FakeTimeProvider _time;
    private readonly SiteInventory _inventory;
    private readonly FlowAggregator _flows;
    private readonly FirewallCounter _firewall = new();
    private readonly Dictionary<string, CapturePipeline> _captures = [];
    private readonly byte[] _frame = new byte[14 + 20 + 20 + 600];
    private readonly FlowRecord[] _flowBatch = new FlowRecord[512];

    public QuietDay(DateTimeOffset start)
    {
        _time = new FakeTimeProvider(start);
        _inventory = new SiteInventory(Sites.Select(s => new Site
        {
            Code = s.Code, Name = s.Name, Prefecture = "35", Prefixes = [$"10.{s.Octet}.0.0/16"],
            Devices =
            [
                new Device { Name = $"{s.Code}-rt1", Kind = "router", Line = "primary", Addresses = [$"127.{s.Octet}.0.1"] },
                new Device { Name = $"{s.Code}-fw1", Kind = "firewall", Addresses = [$"127.{s.Octet}.0.3"] },
            ],
        }).ToList());
        var metrics = new NetOpsMetrics();
        _flows = new FlowAggregator(Options.Create(new FlowOptions { TopTalkers = 0 }), _inventory, new FlowPipelineMetrics(metrics), _time,
            NullLogger<FlowAggregator>.Instance);
        foreach (var s in Sites)
            _captures[s.Code] = new CapturePipeline(s.Code, $"tap-{s.Code}", 10, new SiteResolver(_inventory), new CaptureMetrics(metrics),
                NullLogger.Instance, new NetOps.Collector.Scans.ScanLimits(10, 1024));
    }

    /// <summary>The two sites, their primary routers (the flow exporters) and firewalls.</summary>
    public SiteInventory Inventory => _inventory;

    /// <summary>An attack to mix into the ordinary traffic: one source SYN-probing <c>Ports</c> ports of one host in the window at <c>AtNs</c>.</summary>
    public (string Site, long AtNs, uint Source, uint Target, int Ports)? Scan { get; set; }

    /// <summary>0.1 at night, 1 in office hours (JST), a ramp between.</summary>
    public static double Activity(DateTimeOffset utc)
    {
        double h = (utc.UtcDateTime.Hour + 9) % 24 + utc.UtcDateTime.Minute / 60.0;
        if (h is >= 9 and < 18) return 1;
        if (h is >= 7 and < 9) return 0.1 + 0.45 * (h - 7);
        if (h is >= 18 and < 21) return 1 - 0.3 * (h - 18);
        return 0.1;
    }

    /// <summary>Generates one 10 s window starting at <paramref name="startNs"/>; the points that closed go to <paramref name="output"/>.</summary>
    public void Window(long startNs, List<Point> output)
    {
        var utc = Point.FromNanoseconds(startNs);
        double a = Activity(utc);
        _time.SetUtcNow(utc);
        foreach (var (code, _, octet) in Sites)
        {
            var capture = _captures[code];
            int connections = Poisson(40 * a);
            int flows = 0;
            for (int c = 0; c < connections; c++)
            {
                uint client = Ip(10, (byte)octet, 1, (byte)(10 + _random.Next(50)));
                // Most talk to a few servers; a proxy at .8 reaches many (but not scanner-many) in office hours.
                bool proxy = _random.NextDouble() < 0.3 * a;
                if (proxy) client = Ip(10, (byte)octet, 1, 8);
                uint server = proxy ? Ip(198, 51, 100, (byte)_random.Next(1, 41)) : Ip(10, 0, 1, (byte)_random.Next(1, 21));
                ushort port = Services[_random.Next(Services.Length)];
                ushort ephemeral = (ushort)_random.Next(32768, 60999);
                long t = startNs + _random.NextInt64(WindowNs - 1_000_000_000L);
                Tcp(capture, t, client, server, ephemeral, port, 0x02, 0);            // SYN
                Tcp(capture, t + 1_000_000, server, client, port, ephemeral, 0x12, 0); // SYN-ACK
                Tcp(capture, t + 2_000_000, client, server, ephemeral, port, 0x10, 0); // ACK
                int data = 1 + _random.Next(6);
                for (int d = 0; d < data; d++)
                {
                    Tcp(capture, t + 3_000_000 + d * 1_000_000L, client, server, ephemeral, port, 0x18, 200);
                    Tcp(capture, t + 3_500_000 + d * 1_000_000L, server, client, port, ephemeral, 0x18, 560);
                }
                Tcp(capture, t + 20_000_000, client, server, ephemeral, port, 0x11, 0);  // FIN-ACK
                Tcp(capture, t + 21_000_000, server, client, port, ephemeral, 0x11, 0);
                if (_random.NextDouble() < 0.02) Tcp(capture, t + 22_000_000, server, client, port, ephemeral, 0x14, 0); // RST-ACK
                Udp(capture, t + 500_000, client, Ip(10, (byte)octet, 1, 53), (ushort)_random.Next(32768, 60999), 53, 40);
                Udp(capture, t + 700_000, Ip(10, (byte)octet, 1, 53), client, 53, ephemeral, 120);
                if (flows + 4 <= _flowBatch.Length)
                {
                    _flowBatch[flows++] = Flow(client, server, ephemeral, port, 6, 0x1B, (ulong)(4 + data));
                    _flowBatch[flows++] = Flow(server, client, port, ephemeral, 6, 0x1B, (ulong)(3 + data));
                    _flowBatch[flows++] = Flow(client, Ip(10, (byte)octet, 1, 53), (ushort)(ephemeral + 1), 53, 17, 0, 1);
                    _flowBatch[flows++] = Flow(Ip(10, (byte)octet, 1, 53), client, 53, (ushort)(ephemeral + 1), 17, 0, 1);
                }
            }
            if (Scan is { } scan && scan.Site == code && scan.AtNs >= startNs && scan.AtNs < startNs + WindowNs)
            {
                for (int p = 1; p <= scan.Ports; p++)
                    Tcp(capture, scan.AtNs + p * 1_000_000L, scan.Source, scan.Target, 45_678, (ushort)p, 0x02, 0);
            }
            if (flows > 0) _flows.Add(startNs + 1, IPAddress.Parse($"127.{octet}.0.1"), _flowBatch.AsSpan(0, flows));
            _firewall.Add(code, $"{code}-fw1", FirewallAction.Permit, Poisson(120 * a));
            int denies = Poisson(4 * a + 0.5); // stray probes and blocked shares: a few per window
            if (denies > 0) _firewall.Add(code, $"{code}-fw1", FirewallAction.Deny, denies);
            // Someone mistypes a password about twice an office day.
            if (_random.NextDouble() < 0.0007 * a)
            {
                output.Add(EventPoint.Create(startNs + 3_000_000_000L, code, $"{code}-rt1", EventKind.AuthFail, Severity.Warning, LineRole.None,
                    "%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: tanaka]", $"user=tanaka source=10.{octet}.1.20"));
            }
            output.AddRange(capture.Pending);
            capture.Pending.Clear();
        }
        output.AddRange(_firewall.Drain(startNs + WindowNs));
        output.AddRange(_flows.Drain(startNs + WindowNs));
    }

    /// <summary>Closes every open window.</summary>
    public void Finish(List<Point> output)
    {
        foreach (var c in _captures.Values)
        {
            c.Finish();
            output.AddRange(c.Pending);
            c.Pending.Clear();
        }
        output.AddRange(_flows.DrainAll());
    }

    private int Poisson(double mean)
    {
        // Knuth's method is fine for the small means here.
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= _random.NextDouble(); } while (p > l && k < 1000);
        return k - 1;
    }

    public static uint Ip(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    private static FlowRecord Flow(uint src, uint dst, ushort sport, ushort dport, byte proto, byte flags, ulong packets) => new()
    {
        Source = FlowAddress.FromV4(src), Destination = FlowAddress.FromV4(dst), SourcePort = sport, DestinationPort = dport,
        Protocol = proto, TcpFlags = flags, Packets = packets, Bytes = packets * 400, Direction = FlowRecord.DirectionUnknown,
    };

    private void Tcp(CapturePipeline capture, long t, uint src, uint dst, ushort sport, ushort dport, byte flags, int payload)
    {
        int length = Ipv4(src, dst, 6, 20 + payload);
        var tcp = _frame.AsSpan(34, 20);
        tcp.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sport);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], dport);
        tcp[12] = 0x50;
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        capture.Process(t, LinkTypes.Ethernet, _frame.AsSpan(0, length), length);
    }

    private void Udp(CapturePipeline capture, long t, uint src, uint dst, ushort sport, ushort dport, int payload)
    {
        int length = Ipv4(src, dst, 17, 8 + payload);
        var udp = _frame.AsSpan(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sport);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], dport);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        capture.Process(t, LinkTypes.Ethernet, _frame.AsSpan(0, length), length);
    }

    /// <summary>Writes Ethernet and IPv4 headers for a transport of <paramref name="transportLength"/> bytes; answers the frame length.</summary>
    private int Ipv4(uint src, uint dst, byte protocol, int transportLength)
    {
        var f = _frame.AsSpan();
        f[..12].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], 0x0800);
        var ip = f.Slice(14, 20);
        ip.Clear();
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + transportLength));
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], src);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], dst);
        return 14 + 20 + transportLength;
    }
}
