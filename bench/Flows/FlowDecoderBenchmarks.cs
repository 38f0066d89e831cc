using System.Buffers.Binary;
using System.Net;
using BenchmarkDotNet.Attributes;
using NetOps.Collector.Flows;
using NetOps.Collector.Flows.Decoding;
using NetOps.Core.Metrics;

namespace NetOps.Bench.Flows;

/// <summary>
/// Decode cost per export datagram with its template cached: NetFlow v5 (30 records), NetFlow v9 and IPFIX (30 records of
/// a typical 15-field IPv4 template each). Mean is per datagram; records/s = 30 / Mean. Target: 0 B allocated.
/// The datagrams are built here (not copied from shared test data).
/// </summary>
[MemoryDiagnoser]
public class FlowDecoderBenchmarks
{
    private const int Records = 30;
    private static readonly IPAddress Exporter = IPAddress.Parse("10.35.1.1");
    private readonly CountingSink _sink = new();
    private FlowDecoder _decoder = null!;
    private byte[] _v5 = [], _v9 = [], _ipfix = [];
    private long _now = 1_750_000_000_000_000_000;
    private uint _v5Sequence, _v9Sequence, _ipfixSequence;

    [GlobalSetup]
    public void Setup()
    {
        _decoder = new FlowDecoder(new FlowDecoderOptions(), new FlowMetrics(new NetOpsMetrics()), TimeProvider.System);
        _v5 = V5();
        (var v9Template, _v9) = V9();
        (var ipfixTemplate, _ipfix) = Ipfix();
        _decoder.Decode(v9Template, Exporter, _now, _sink);
        _decoder.Decode(ipfixTemplate, Exporter, _now, _sink);
    }

    [Benchmark]
    public int NetFlowV5_30_records()
    {
        // each datagram continues the sequence, as a live exporter's do (no loss or reorder accounting on the path)
        BinaryPrimitives.WriteUInt32BigEndian(_v5.AsSpan(16), _v5Sequence += Records);
        return _decoder.Decode(_v5, Exporter, _now += 1000, _sink).RecordsEmitted;
    }

    [Benchmark]
    public int NetFlowV9_30_records()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_v9.AsSpan(12), ++_v9Sequence);
        return _decoder.Decode(_v9, Exporter, _now += 1000, _sink).RecordsEmitted;
    }

    [Benchmark]
    public int Ipfix_30_records()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_ipfix.AsSpan(8), _ipfixSequence += Records);
        return _decoder.Decode(_ipfix, Exporter, _now += 1000, _sink).RecordsEmitted;
    }

    private static readonly (ushort Type, ushort Length)[] Fields =
        [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (5, 1), (10, 4), (14, 4), (2, 4), (1, 4), (22, 4), (21, 4), (61, 1), (9, 1)];

    private static int RecordLength => Fields.Sum(f => f.Length);

    private static byte[] V5()
    {
        var b = new byte[24 + Records * 48];
        BinaryPrimitives.WriteUInt16BigEndian(b, 5);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), Records);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), 1_750_000_000);
        for (int i = 0; i < Records; i++)
        {
            var r = b.AsSpan(24 + i * 48);
            BinaryPrimitives.WriteUInt32BigEndian(r, 0x0A230000u + (uint)i);
            BinaryPrimitives.WriteUInt32BigEndian(r[4..], 0xC0000201);
            BinaryPrimitives.WriteUInt32BigEndian(r[16..], 10);
            BinaryPrimitives.WriteUInt32BigEndian(r[20..], 12_000);
            BinaryPrimitives.WriteUInt32BigEndian(r[24..], 95_000);
            BinaryPrimitives.WriteUInt32BigEndian(r[28..], 99_000);
            BinaryPrimitives.WriteUInt16BigEndian(r[32..], (ushort)(40000 + i));
            BinaryPrimitives.WriteUInt16BigEndian(r[34..], 443);
            r[38] = 6;
        }
        return b;
    }

    private static byte[] TemplateRecord()
    {
        var t = new byte[4 + Fields.Length * 4];
        BinaryPrimitives.WriteUInt16BigEndian(t, 256);
        BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(2), (ushort)Fields.Length);
        for (int i = 0; i < Fields.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(4 + i * 4), Fields[i].Type);
            BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(6 + i * 4), Fields[i].Length);
        }
        return t;
    }

    private static byte[] DataRecords()
    {
        var d = new byte[Records * RecordLength];
        for (int i = 0; i < Records; i++)
        {
            var r = d.AsSpan(i * RecordLength);
            BinaryPrimitives.WriteUInt32BigEndian(r, 0x0A230000u + (uint)i);
            BinaryPrimitives.WriteUInt32BigEndian(r[4..], 0xC0000201);
            BinaryPrimitives.WriteUInt16BigEndian(r[8..], (ushort)(40000 + i));
            BinaryPrimitives.WriteUInt16BigEndian(r[10..], 443);
            r[12] = 6;
            BinaryPrimitives.WriteUInt32BigEndian(r[23..], 10);
            BinaryPrimitives.WriteUInt32BigEndian(r[27..], 12_000);
            BinaryPrimitives.WriteUInt32BigEndian(r[31..], 95_000);
            BinaryPrimitives.WriteUInt32BigEndian(r[35..], 99_000);
        }
        return d;
    }

    private static byte[] Set(int id, byte[] body)
    {
        var s = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)id);
        BinaryPrimitives.WriteUInt16BigEndian(s.AsSpan(2), (ushort)s.Length);
        body.CopyTo(s, 4);
        return s;
    }

    private static byte[] V9Header(byte[] sets)
    {
        var b = new byte[20 + sets.Length];
        BinaryPrimitives.WriteUInt16BigEndian(b, 9);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), Records);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), 1_750_000_000);
        sets.CopyTo(b, 20);
        return b;
    }

    private static byte[] IpfixHeader(byte[] sets)
    {
        var b = new byte[16 + sets.Length];
        BinaryPrimitives.WriteUInt16BigEndian(b, 10);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)b.Length);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), 1_750_000_000);
        sets.CopyTo(b, 16);
        return b;
    }

    private static (byte[] Template, byte[] Data) V9() => (V9Header(Set(0, TemplateRecord())), V9Header(Set(256, DataRecords())));

    private static (byte[] Template, byte[] Data) Ipfix() => (IpfixHeader(Set(2, TemplateRecord())), IpfixHeader(Set(256, DataRecords())));

    private sealed class CountingSink : IFlowSink
    {
        public long Records;

        public void OnFlows(IPAddress exporter, FlowExportKind kind, uint observationDomain, long exportTimeNs, ReadOnlySpan<FlowRecord> flows)
            => Records += flows.Length;
    }
}
