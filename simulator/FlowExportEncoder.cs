using System.Buffers.Binary;

namespace NetOps.Simulator;

/// <summary>One simulated flow as a router's flow cache would export it.</summary>
public readonly record struct SimulatedFlow(
    uint Source, uint Destination, ushort SourcePort, ushort DestinationPort, byte Protocol, byte TcpFlags,
    uint Packets, uint Bytes, long StartMs, long EndMs, ushort InputInterface, ushort OutputInterface, byte Direction);

/// <summary>
/// Writes NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export packets for <see cref="SimulatedFlow"/>s with one fixed
/// IPv4 template, the template included in a packet when the caller asks (on the first packet and periodically, as
/// routers do, so that a collector that restarts learns it again).
/// </summary>
public static class FlowExportEncoder
{
    public const ushort TemplateId = 256;

    // (type, length): addresses, ports, protocol, TCP flags, packets, bytes, first/last, interfaces, direction
    private static readonly (ushort Type, ushort Length)[] V9Fields =
        [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (2, 4), (1, 4), (22, 4), (21, 4), (10, 2), (14, 2), (61, 1)];

    private static readonly (ushort Type, ushort Length)[] IpfixFields =
        [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (2, 8), (1, 8), (152, 8), (153, 8), (10, 4), (14, 4), (61, 1)];

    public static readonly int V9RecordLength = V9Fields.Sum(f => f.Length);
    public static readonly int IpfixRecordLength = IpfixFields.Sum(f => f.Length);

    /// <summary>Records that fit a packet of at most 1400 bytes with its template.</summary>
    public static int MaxRecords(bool ipfix) => ipfix
        ? (1400 - 16 - TemplateSetLength(IpfixFields) - 4) / IpfixRecordLength
        : (1400 - 20 - TemplateSetLength(V9Fields) - 4) / V9RecordLength;

    private static int TemplateSetLength((ushort, ushort)[] fields) => 4 + 4 + fields.Length * 4;

    /// <summary>A NetFlow v9 packet; <paramref name="sysUptimeMs"/> is the router's uptime at export, flows' times are uptime too.</summary>
    public static int WriteV9(Span<byte> buffer, ReadOnlySpan<SimulatedFlow> flows, bool withTemplate, uint sequence, uint sourceId,
        long unixMs, long bootUnixMs)
    {
        int p = 20;
        int records = flows.Length;
        if (withTemplate)
        {
            p += WriteTemplateSet(buffer[p..], 0, V9Fields);
            records++;
        }
        p += WriteDataSet(buffer[p..], flows, ipfix: false, bootUnixMs);
        var h = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(h, 9);
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)records);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)(unixMs - bootUnixMs));
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)(unixMs / 1000));
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], sourceId);
        return p;
    }

    /// <summary>An IPFIX message; <paramref name="sequence"/> counts the data records sent before this message.</summary>
    public static int WriteIpfix(Span<byte> buffer, ReadOnlySpan<SimulatedFlow> flows, bool withTemplate, uint sequence, uint domain, long unixMs)
    {
        int p = 16;
        if (withTemplate) p += WriteTemplateSet(buffer[p..], 2, IpfixFields);
        p += WriteDataSet(buffer[p..], flows, ipfix: true, 0);
        BinaryPrimitives.WriteUInt16BigEndian(buffer, 10);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)p);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], (uint)(unixMs / 1000));
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[12..], domain);
        return p;
    }

    private static int WriteTemplateSet(Span<byte> s, ushort setId, (ushort Type, ushort Length)[] fields)
    {
        int length = TemplateSetLength(fields);
        BinaryPrimitives.WriteUInt16BigEndian(s, setId);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], TemplateId);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], (ushort)fields.Length);
        for (int i = 0; i < fields.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(s[(8 + i * 4)..], fields[i].Type);
            BinaryPrimitives.WriteUInt16BigEndian(s[(10 + i * 4)..], fields[i].Length);
        }
        return length;
    }

    private static int WriteDataSet(Span<byte> s, ReadOnlySpan<SimulatedFlow> flows, bool ipfix, long bootUnixMs)
    {
        int p = 4;
        foreach (ref readonly var f in flows)
        {
            var r = s[p..];
            BinaryPrimitives.WriteUInt32BigEndian(r, f.Source);
            BinaryPrimitives.WriteUInt32BigEndian(r[4..], f.Destination);
            BinaryPrimitives.WriteUInt16BigEndian(r[8..], f.SourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(r[10..], f.DestinationPort);
            r[12] = f.Protocol;
            r[13] = f.TcpFlags;
            if (ipfix)
            {
                BinaryPrimitives.WriteUInt64BigEndian(r[14..], f.Packets);
                BinaryPrimitives.WriteUInt64BigEndian(r[22..], f.Bytes);
                BinaryPrimitives.WriteUInt64BigEndian(r[30..], (ulong)f.StartMs);
                BinaryPrimitives.WriteUInt64BigEndian(r[38..], (ulong)f.EndMs);
                BinaryPrimitives.WriteUInt32BigEndian(r[46..], f.InputInterface);
                BinaryPrimitives.WriteUInt32BigEndian(r[50..], f.OutputInterface);
                r[54] = f.Direction;
                p += IpfixRecordLength;
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(r[14..], f.Packets);
                BinaryPrimitives.WriteUInt32BigEndian(r[18..], f.Bytes);
                BinaryPrimitives.WriteUInt32BigEndian(r[22..], (uint)(f.StartMs - bootUnixMs));
                BinaryPrimitives.WriteUInt32BigEndian(r[26..], (uint)(f.EndMs - bootUnixMs));
                BinaryPrimitives.WriteUInt16BigEndian(r[30..], f.InputInterface);
                BinaryPrimitives.WriteUInt16BigEndian(r[32..], f.OutputInterface);
                r[34] = f.Direction;
                p += V9RecordLength;
            }
        }
        // v9 and IPFIX sets are padded to a 4-byte boundary (v9 requires it; IPFIX allows it)
        while (p % 4 != 0) s[p++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(s, TemplateId);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)p);
        return p;
    }
}
