using System.Buffers.Binary;

namespace NetOps.Collector.Flows.Decoding;

public sealed partial class FlowDecoder
{
    private const long NtpToUnixSeconds = 2_208_988_800L;

    /// <summary>A data set (v9 FlowSet id ≥ 256, IPFIX Set id ≥ 256): decoded with its template, or held for it.</summary>
    private FlowDecodeError DataSet(ExporterDomain d, ushort templateId, ReadOnlySpan<byte> body, long exportNs, uint uptimeMs, out int records)
    {
        records = 0;
        if (d.Templates.TryGetValue(templateId, out var t) && _nowNs - t.LastSeenNs > _templateTimeoutNs)
        {
            RemoveTemplate(d, templateId, "expired");
            t = null;
        }
        if (t is null)
        {
            if (!body.IsEmpty) Hold(d, templateId, body, exportNs, uptimeMs);
            return FlowDecodeError.None;
        }
        return DecodeRecords(d, t, body, exportNs, uptimeMs, out records);
    }

    /// <summary>
    /// The records of one data set. Fixed-length templates: the plan's offsets, no walking. Variable-length ones: field by
    /// field (1-byte length, or 255 then a 2-byte length). Bytes shorter than a record at the end are padding.
    /// </summary>
    private FlowDecodeError DecodeRecords(ExporterDomain d, FlowTemplate t, ReadOnlySpan<byte> body, long exportNs, uint uptimeMs, out int records)
    {
        records = 0;
        var fields = t.Fields;
        RecordValues v = default;
        if (!t.HasVariableLength)
        {
            int length = t.RecordLength, n = body.Length / length;
            for (int i = 0; i < n; i++)
            {
                var rec = body.Slice(i * length, length);
                v = default;
                v.Record.Direction = FlowRecord.DirectionUnknown;
                foreach (var f in fields) Apply(ref v, f.Target, rec.Slice(f.Offset, f.Length));
                Commit(d, t, ref v, exportNs, uptimeMs);
            }
            records = n;
            return FlowDecodeError.None;
        }

        while (body.Length >= t.RecordLength)
        {
            v = default;
            v.Record.Direction = FlowRecord.DirectionUnknown;
            int pos = 0;
            foreach (var f in fields)
            {
                int length = f.Length;
                if (length == FieldPlan.VariableLength)
                {
                    if (pos >= body.Length) return FlowDecodeError.BadRecord;
                    length = body[pos++];
                    if (length == 255)
                    {
                        if (body.Length - pos < 2) return FlowDecodeError.BadRecord;
                        length = BinaryPrimitives.ReadUInt16BigEndian(body[pos..]);
                        pos += 2;
                    }
                }
                if (length > body.Length - pos) return FlowDecodeError.BadRecord;
                Apply(ref v, f.Target, body.Slice(pos, length));
                pos += length;
            }
            Commit(d, t, ref v, exportNs, uptimeMs);
            records++;
            body = body[pos..];
        }
        return FlowDecodeError.None;
    }

    private static void Apply(ref RecordValues v, FieldTarget target, ReadOnlySpan<byte> value)
    {
        switch (target)
        {
            case FieldTarget.Skip: return;
            case FieldTarget.SourceV4: v.SourceV4 = BinaryPrimitives.ReadUInt32BigEndian(value); return;
            case FieldTarget.DestinationV4: v.DestinationV4 = BinaryPrimitives.ReadUInt32BigEndian(value); return;
            case FieldTarget.SourceV6: v.SourceV6 = BinaryPrimitives.ReadUInt128BigEndian(value); return;
            case FieldTarget.DestinationV6: v.DestinationV6 = BinaryPrimitives.ReadUInt128BigEndian(value); return;
        }
        ulong x = ReadUnsigned(value);
        switch (target)
        {
            case FieldTarget.Bytes: v.Record.Bytes = x; break;
            case FieldTarget.Packets: v.Record.Packets = x; break;
            case FieldTarget.Protocol: v.Record.Protocol = (byte)x; break;
            // IPFIX tcpControlBits may be 2 bytes (RFC 7125): the classic flags are the low byte
            case FieldTarget.TcpFlags: v.Record.TcpFlags = (byte)x; break;
            case FieldTarget.SourcePort: v.Record.SourcePort = (ushort)x; break;
            case FieldTarget.DestinationPort: v.Record.DestinationPort = (ushort)x; break;
            case FieldTarget.InputInterface: v.Record.InputInterface = (uint)x; break;
            case FieldTarget.OutputInterface: v.Record.OutputInterface = (uint)x; break;
            case FieldTarget.Direction: v.Record.Direction = x <= 1 ? (byte)x : FlowRecord.DirectionUnknown; break;
            case FieldTarget.SamplingInterval: v.Sampling = x; break;
            case FieldTarget.SystemInitMilliseconds: v.SystemInitMs = x; v.HasSystemInit = true; break;
            case FieldTarget.SamplerId: v.SamplerId = x; v.HasSamplerId = true; break;
            case FieldTarget.StartUptimeMs or FieldTarget.StartSeconds or FieldTarget.StartMilliseconds or FieldTarget.StartNtp:
                v.Start = x; v.StartKind = target; break;
            case FieldTarget.EndUptimeMs or FieldTarget.EndSeconds or FieldTarget.EndMilliseconds or FieldTarget.EndNtp:
                v.End = x; v.EndKind = target; break;
        }
    }

    /// <summary>Reduced-size encoding (RFC 7011 §6.2): an unsigned integer in 1 to 8 bytes, big-endian.</summary>
    private static ulong ReadUnsigned(ReadOnlySpan<byte> value)
    {
        switch (value.Length)
        {
            case 1: return value[0];
            case 2: return BinaryPrimitives.ReadUInt16BigEndian(value);
            case 4: return BinaryPrimitives.ReadUInt32BigEndian(value);
            case 8: return BinaryPrimitives.ReadUInt64BigEndian(value);
        }
        ulong x = 0;
        foreach (byte b in value) x = x << 8 | b;
        return x;
    }

    /// <summary>Options data updates the exporter's state; flow data becomes a record in the batch.</summary>
    private void Commit(ExporterDomain d, FlowTemplate t, ref RecordValues v, long exportNs, uint uptimeMs)
    {
        if (t.IsOptions)
        {
            if (v.Sampling != 0 && !v.HasSamplerId) d.SamplingInterval = v.Sampling;
            else if (v.Sampling != 0 && ((d.Samplers ??= []).ContainsKey(v.SamplerId) || d.Samplers.Count < ExporterDomain.MaxSamplers))
                d.Samplers[v.SamplerId] = v.Sampling;
            if (v.HasSystemInit) d.SystemInitMs = (long)Math.Min(v.SystemInitMs, long.MaxValue / 2_000_000);
            return;
        }
        ref var r = ref Next(exportNs);
        r = v.Record;
        if (t.HasSourceV6 && (v.SourceV6 != UInt128.Zero || !t.HasSourceV4)) r.Source = new FlowAddress(v.SourceV6, true);
        else if (t.HasSourceV4) r.Source = FlowAddress.FromV4(v.SourceV4);
        if (t.HasDestinationV6 && (v.DestinationV6 != UInt128.Zero || !t.HasDestinationV4)) r.Destination = new FlowAddress(v.DestinationV6, true);
        else if (t.HasDestinationV4) r.Destination = FlowAddress.FromV4(v.DestinationV4);
        r.StartNs = TimeNs(d, v.StartKind, v.Start, exportNs, uptimeMs);
        r.EndNs = TimeNs(d, v.EndKind, v.End, exportNs, uptimeMs);
        ulong sampling = v.Sampling > 1 ? v.Sampling : DomainSampling(d, ref v);
        if (_options.ApplySampling && sampling > 1)
        {
            r.Packets = unchecked(r.Packets * sampling);
            r.Bytes = unchecked(r.Bytes * sampling);
        }
    }

    /// <summary>
    /// The interval of the sampler a flow names; a flow naming none (or one no options data described) gets the domain's
    /// interval, else that of the domain's only sampler. Never another sampler's: one domain may sample 1:10 on one
    /// interface and 1:1000 on the next.
    /// </summary>
    private static ulong DomainSampling(ExporterDomain d, ref RecordValues v)
    {
        if (d.Samplers is not { } samplers) return d.SamplingInterval;
        if (v.HasSamplerId) return samplers.TryGetValue(v.SamplerId, out ulong interval) ? interval : d.SamplingInterval;
        if (d.SamplingInterval != 0 || samplers.Count != 1) return d.SamplingInterval;
        foreach (var only in samplers.Values) return only;
        return 0;
    }

    private static long TimeNs(ExporterDomain d, FieldTarget kind, ulong value, long exportNs, uint uptimeMs) => unchecked(kind switch
    {
        FieldTarget.StartMilliseconds or FieldTarget.EndMilliseconds => (long)value * 1_000_000L,
        FieldTarget.StartSeconds or FieldTarget.EndSeconds => (long)value * 1_000_000_000L,
        FieldTarget.StartNtp or FieldTarget.EndNtp =>
            ((long)(value >> 32) - NtpToUnixSeconds) * 1_000_000_000L + (long)(((value & 0xFFFF_FFFF) * 1_000_000_000UL) >> 32),
        FieldTarget.StartUptimeMs or FieldTarget.EndUptimeMs => d.Key.Kind == FlowExportKind.NetFlowV9
            ? UptimeToNs(exportNs, uptimeMs, (uint)value)
            // IPFIX: relative to systemInitTimeMilliseconds from options data; without it the best guess is the export time
            : d.SystemInitMs >= 0 ? (d.SystemInitMs + (long)(uint)value) * 1_000_000L : exportNs,
        _ => 0,
    });
}
