using System.Buffers.Binary;

namespace NetOps.Collector.Flows.Decoding;

public sealed partial class FlowDecoder
{
    internal const int V9HeaderLength = 20;

    /// <summary>
    /// NetFlow v9 (RFC 3954): a 20-byte header, then FlowSets: 0 templates, 1 options templates, ≥ 256 data. The
    /// sequence number counts export datagrams. The header's count is not checked (exporters disagree on what it
    /// counts); every set length is. Trailing zero bytes are padding.
    /// </summary>
    private FlowDecodeError DecodeV9(ReadOnlySpan<byte> p)
    {
        if (p.Length < V9HeaderLength) return FlowDecodeError.Truncated;
        uint uptime = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
        uint secs = BinaryPrimitives.ReadUInt32BigEndian(p[8..]);
        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
        uint sourceId = BinaryPrimitives.ReadUInt32BigEndian(p[16..]);
        long exportNs = secs * 1_000_000_000L;

        var d = Domain(sourceId);
        if (d is null) return FlowDecodeError.TooManyExporters;
        bool restarted = Restarted(d, uptime);
        Sequence(d, sequence, 1, restarted);
        // A rebooted exporter numbers its templates afresh (RFC 3954 §9): data sets must wait for the new ones rather
        // than be read with the old layout.
        if (restarted) foreach (var id in d.Templates.Keys.ToList()) RemoveTemplate(d, id, "restart");

        var error = FlowDecodeError.None;
        int offset = V9HeaderLength;
        while (p.Length - offset >= 4)
        {
            ushort setId = BinaryPrimitives.ReadUInt16BigEndian(p[offset..]);
            int setLength = BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 2)..]);
            if (setLength < 4 || setLength > p.Length - offset)
                return IsPadding(p[offset..]) ? error : FlowDecodeError.BadSetLength;
            var body = p.Slice(offset + 4, setLength - 4);
            offset += setLength;
            FlowDecodeError e;
            if (setId == 0) e = V9Templates(d, body);
            else if (setId == 1) e = V9OptionsTemplates(d, body);
            else if (setId < 256) { _skipped++; continue; }
            else e = DataSet(d, setId, body, exportNs, uptime, out _);
            if (e == FlowDecodeError.TooManyTemplates) { error = e; continue; }
            if (e != FlowDecodeError.None) return e;
        }
        return error;
    }

    private FlowDecodeError V9Templates(ExporterDomain d, ReadOnlySpan<byte> body)
    {
        var result = FlowDecodeError.None;
        while (body.Length >= 4 && !IsPadding(body))
        {
            ushort id = BinaryPrimitives.ReadUInt16BigEndian(body);
            int fieldCount = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
            if (id < 256 || fieldCount == 0 || fieldCount > FlowTemplate.MaxFields) return FlowDecodeError.BadTemplate;
            int length = 4 + fieldCount * 4;
            if (length > body.Length) return FlowDecodeError.BadSetLength;
            for (int i = 0; i < fieldCount; i++)
            {
                var f = body.Slice(4 + i * 4, 4);
                _specs[i] = new FieldSpec(BinaryPrimitives.ReadUInt16BigEndian(f), BinaryPrimitives.ReadUInt16BigEndian(f[2..]), false, false);
            }
            var e = StoreTemplate(d, id, false, _specs.AsSpan(0, fieldCount), body[..length]);
            if (e == FlowDecodeError.TooManyTemplates) result = e;
            else if (e != FlowDecodeError.None) return e;
            body = body[length..];
        }
        return result;
    }

    private FlowDecodeError V9OptionsTemplates(ExporterDomain d, ReadOnlySpan<byte> body)
    {
        var result = FlowDecodeError.None;
        while (body.Length >= 6 && !IsPadding(body))
        {
            ushort id = BinaryPrimitives.ReadUInt16BigEndian(body);
            int scopeLength = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
            int optionLength = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
            if (id < 256 || scopeLength % 4 != 0 || optionLength % 4 != 0) return FlowDecodeError.BadTemplate;
            int scopeCount = scopeLength / 4, fieldCount = scopeCount + optionLength / 4;
            if (fieldCount == 0 || fieldCount > FlowTemplate.MaxFields) return FlowDecodeError.BadTemplate;
            int length = 6 + scopeLength + optionLength;
            if (length > body.Length) return FlowDecodeError.BadSetLength;
            for (int i = 0; i < fieldCount; i++)
            {
                var f = body.Slice(6 + i * 4, 4);
                _specs[i] = new FieldSpec(BinaryPrimitives.ReadUInt16BigEndian(f), BinaryPrimitives.ReadUInt16BigEndian(f[2..]), false, i < scopeCount);
            }
            var e = StoreTemplate(d, id, true, _specs.AsSpan(0, fieldCount), body[..length]);
            if (e == FlowDecodeError.TooManyTemplates) result = e;
            else if (e != FlowDecodeError.None) return e;
            body = body[length..];
        }
        return result;
    }

    private static bool IsPadding(ReadOnlySpan<byte> rest) => !rest.ContainsAnyExcept((byte)0);
}
