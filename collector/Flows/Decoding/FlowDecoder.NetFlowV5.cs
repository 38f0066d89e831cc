using System.Buffers.Binary;

namespace NetOps.Collector.Flows.Decoding;

public sealed partial class FlowDecoder
{
    internal const int V5HeaderLength = 24, V5RecordLength = 48, V5MaxRecords = 30;

    /// <summary>
    /// NetFlow v5: a 24-byte header and <c>count</c> fixed 48-byte records. The observation domain is
    /// <c>engine_type &lt;&lt; 8 | engine_id</c>; flow_sequence counts flows. Bytes after the last record are tolerated
    /// (some exporters pad). With <see cref="FlowDecoderOptions.ApplySampling"/>, packets and bytes are multiplied by
    /// the header's sampling interval (low 14 bits) when it is above 1.
    /// </summary>
    private FlowDecodeError DecodeV5(ReadOnlySpan<byte> p)
    {
        if (p.Length < V5HeaderLength) return FlowDecodeError.Truncated;
        int count = BinaryPrimitives.ReadUInt16BigEndian(p[2..]);
        if (count is 0 or > V5MaxRecords) return FlowDecodeError.BadCount;
        if (p.Length < V5HeaderLength + count * V5RecordLength) return FlowDecodeError.LengthMismatch;

        uint uptime = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
        uint secs = BinaryPrimitives.ReadUInt32BigEndian(p[8..]);
        uint nsecs = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(p[16..]);
        uint domainId = (uint)(p[20] << 8 | p[21]);
        ulong sampling = (ulong)(BinaryPrimitives.ReadUInt16BigEndian(p[22..]) & 0x3FFF);
        if (!_options.ApplySampling || sampling < 2) sampling = 1;
        long exportNs = secs * 1_000_000_000L + Math.Min(nsecs, 999_999_999u);

        var d = Domain(domainId);
        if (d is null) return FlowDecodeError.TooManyExporters;
        Sequence(d, sequence, (uint)count, Restarted(d, uptime));

        for (int i = 0; i < count; i++)
        {
            var rec = p.Slice(V5HeaderLength + i * V5RecordLength, V5RecordLength);
            ref var r = ref Next(exportNs);
            r.Source = FlowAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(rec));
            r.Destination = FlowAddress.FromV4(BinaryPrimitives.ReadUInt32BigEndian(rec[4..]));
            r.InputInterface = BinaryPrimitives.ReadUInt16BigEndian(rec[12..]);
            r.OutputInterface = BinaryPrimitives.ReadUInt16BigEndian(rec[14..]);
            r.Packets = BinaryPrimitives.ReadUInt32BigEndian(rec[16..]) * sampling;
            r.Bytes = BinaryPrimitives.ReadUInt32BigEndian(rec[20..]) * sampling;
            r.StartNs = UptimeToNs(exportNs, uptime, BinaryPrimitives.ReadUInt32BigEndian(rec[24..]));
            r.EndNs = UptimeToNs(exportNs, uptime, BinaryPrimitives.ReadUInt32BigEndian(rec[28..]));
            r.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(rec[32..]);
            r.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(rec[34..]);
            r.TcpFlags = rec[37];
            r.Protocol = rec[38];
        }
        return FlowDecodeError.None;
    }

    /// <summary>
    /// An uptime-relative time (ms) made absolute from the header's export time and uptime. The signed 32-bit
    /// difference keeps it right across the uptime's wrap (every 49.7 days).
    /// </summary>
    private static long UptimeToNs(long exportNs, uint headerUptimeMs, uint uptimeMs) =>
        exportNs + (int)(uptimeMs - headerUptimeMs) * 1_000_000L;
}
