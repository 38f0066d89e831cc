using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Collector.Flows;
using NetOps.Collector.Scans;

namespace NetOps.Collector.Tests.Scans;

public sealed class ScanSketchTests
{
    private static readonly FlowAddress Scanner = FlowAddress.FromV4(0xC0000207); // 192.0.2.7
    private static readonly FlowAddress Target = FlowAddress.FromV4(0xC6336401);  // 198.51.100.1

    private static FlowAddress V4(uint a) => FlowAddress.FromV4(a);

    [Fact]
    public void A_source_probing_1000_ports_of_one_host_is_counted_as_about_1000_ports_and_1_host()
    {
        var sketch = new ScanSketch(64);
        for (int port = 1; port <= 1000; port++) sketch.Add(Scanner, Target, (ushort)port, 1, 1);

        var top = Assert.Single(sketch.Top(10));
        Assert.Equal(Scanner, top.Address);
        Assert.InRange(top.Ports, 930, 1070); // linear counting with 1,024 bits: a few per cent
        Assert.Equal(1, top.Hosts);
        Assert.Equal(1000, top.Syns);
        Assert.Equal(1000, top.Packets);
    }

    [Fact]
    public void Repeated_probes_of_the_same_ports_are_counted_once_per_port()
    {
        var sketch = new ScanSketch(8);
        for (int round = 0; round < 50; round++)
            foreach (ushort port in new ushort[] { 22, 80, 443 }) sketch.Add(Scanner, Target, port, 1, 1);

        var top = Assert.Single(sketch.Top(10));
        Assert.Equal(3, top.Ports);
        Assert.Equal(150, top.Packets);
    }

    [Fact]
    public void A_source_sweeping_200_hosts_on_one_port_is_counted_as_200_hosts_on_1_port()
    {
        var sketch = new ScanSketch(8);
        for (uint h = 0; h < 200; h++) sketch.Add(Scanner, V4(0x0A000000 + h), 445, 1, 1);

        var top = Assert.Single(sketch.Top(10));
        Assert.Equal(1, top.Ports);
        Assert.InRange(top.Hosts, 185, 215);
    }

    [Fact]
    public void Spoofed_one_packet_sources_are_evicted_and_counted_while_the_scanner_stays()
    {
        var sketch = new ScanSketch(32);
        for (int port = 1; port <= 500; port++)
        {
            sketch.Add(Scanner, Target, (ushort)port, 1, 1);
            sketch.Add(V4(0x64000000u + (uint)port), Target, 25565, 1, 1); // a flood's spoofed sources
        }

        Assert.Equal(32, sketch.Count);
        Assert.Equal(500 - 31, sketch.Evicted);
        var top = sketch.Top(3);
        Assert.Equal(Scanner, top[0].Address);
        Assert.InRange(top[0].Ports, 460, 540);
    }

    [Fact]
    public void Top_ranks_by_distinct_ports_plus_hosts()
    {
        var sketch = new ScanSketch(8);
        var busy = V4(0x0A000001);
        for (int i = 0; i < 1000; i++) sketch.Add(busy, Target, 443, 1, 0);   // many packets, one port
        for (int port = 1; port <= 40; port++) sketch.Add(Scanner, Target, (ushort)port, 1, 1);

        var top = sketch.Top(2);
        Assert.Equal(Scanner, top[0].Address);
        Assert.Equal(busy, top[1].Address);
    }

    [Fact]
    public void Clear_starts_an_empty_window()
    {
        var sketch = new ScanSketch(2);
        for (uint i = 0; i < 10; i++) sketch.Add(V4(i), Target, 80, 1, 1);
        sketch.Clear();
        Assert.Equal(0, sketch.Count);
        Assert.Equal(0, sketch.Evicted);
        Assert.Empty(sketch.Top(10));
    }

    [Fact]
    public void Every_bit_set_saturates_at_the_documented_maximum()
    {
        Span<ulong> full = stackalloc ulong[ScanSketch.BitmapBits / 64];
        full.Fill(ulong.MaxValue);
        Assert.Equal(ScanSketch.MaxDistinct, ScanSketch.Estimate(full));
        Assert.Equal(0, ScanSketch.Estimate(stackalloc ulong[ScanSketch.BitmapBits / 64]));
    }

    [Fact]
    public void A_flood_of_a_million_distinct_sources_allocates_nothing_once_the_sketch_is_full()
    {
        var sketch = new ScanSketch(256);
        for (uint i = 0; i < 1000; i++) sketch.Add(V4(i), Target, (ushort)i, 1, 1); // warm: the index reaches its size
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (uint i = 0; i < 1_000_000; i++) sketch.Add(V4(0x0B000000 + i), V4(i * 7), (ushort)(i % 65536), 1, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(256, sketch.Count);
    }

    [Property(MaxTest = 500)]
    public Property Memory_stays_bounded_and_no_probe_is_lost_whatever_the_traffic()
    {
        // Sources, hosts and ports from small ranges, so that sources repeat and sketches overflow.
        var probe = Gen.Choose(0, 255).SelectMany(src => Gen.Choose(0, 255).SelectMany(host => Gen.Choose(0, 65535)
            .SelectMany(port => Gen.Choose(1, 20).Select(packets => (Source: (uint)src, Host: (uint)host, Port: (ushort)port, Packets: packets)))));
        var traffic = Gen.Choose(1, 40).SelectMany(cap => Gen.ListOf(probe).Select(list => (Capacity: cap, Probes: list.ToArray())));
        return Prop.ForAll(traffic.ToArbitrary(), t =>
        {
            var sketch = new ScanSketch(t.Capacity);
            long total = 0;
            var distinct = new HashSet<uint>();
            foreach (var (source, host, port, packets) in t.Probes)
            {
                sketch.Add(V4(source), V4(host), port, packets, 0);
                total += packets;
                distinct.Add(source);
            }
            var all = sketch.Top(int.MaxValue);
            // Held sources never exceed the capacity; Space-Saving keeps every probe (an evicted count passes to the newcomer).
            return sketch.Count <= t.Capacity
                   && all.Count == Math.Min(t.Capacity, distinct.Count)
                   && all.Sum(s => s.Packets) == total
                   && sketch.Total == total
                   && sketch.Evicted >= distinct.Count - t.Capacity
                   && all.All(s => s.Ports >= 1 && s.Ports <= ScanSketch.MaxDistinct && s.Hosts >= 1 && s.Hosts <= ScanSketch.MaxDistinct);
        });
    }
}
