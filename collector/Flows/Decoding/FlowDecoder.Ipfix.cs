using System.Buffers.Binary;

namespace NetOps.Collector.Flows.Decoding;

public sealed partial class FlowDecoder
{
    internal const int IpfixHeaderLength = 16;

    /// <summary>
    /// IPFIX (RFC 7011): a 16-byte header whose length must fit the datagram, then Sets: 2 templates, 3 options
    /// templates, ≥ 256 data (4–255 are reserved and skipped). The sequence number counts data records (options data
    /// included), so it is checked after the sets; when a set had to be held its record count is unknown and the next
    /// message is not compared.
    /// </summary>
    private FlowDecodeError DecodeIpfix(ReadOnlySpan<byte> p)
    {
        if (p.Length < IpfixHeaderLength) return FlowDecodeError.Truncated;
        int length = BinaryPrimitives.ReadUInt16BigEndian(p[2..]);
        if (length < IpfixHeaderLength) return FlowDecodeError.LengthMismatch;
        if (length > p.Length) return FlowDecodeError.Truncated;
        p = p[..length];
        uint secs = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
        uint sequence = BinaryPrimitives.ReadUInt32BigEndian(p[8..]);
        uint domainId = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
        long exportNs = secs * 1_000_000_000L;

        var d = Domain(domainId);
        if (d is null) return FlowDecodeError.TooManyExporters;

        var error = FlowDecodeError.None;
        int records = 0, heldBefore = _held;
        int offset = IpfixHeaderLength;
        while (p.Length - offset >= 4)
        {
            ushort setId = BinaryPrimitives.ReadUInt16BigEndian(p[offset..]);
            int setLength = BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 2)..]);
            if (setLength < 4 || setLength > p.Length - offset) { error = FlowDecodeError.BadSetLength; break; }
            var body = p.Slice(offset + 4, setLength - 4);
            offset += setLength;
            FlowDecodeError e;
            if (setId is 2 or 3) e = IpfixTemplates(d, setId, body);
            else if (setId < 256) { _skipped++; continue; }
            else
            {
                e = DataSet(d, setId, body, exportNs, 0, out int n);
                records += n;
            }
            if (e == FlowDecodeError.TooManyTemplates) { error = e; continue; }
            if (e != FlowDecodeError.None) { error = e; break; }
        }

        if (error is FlowDecodeError.None or FlowDecodeError.TooManyTemplates)
        {
            Sequence(d, sequence, (uint)records, restarted: false);
            if (_held != heldBefore) d.Sequence.Forget();
        }
        else d.Sequence.Forget(); // a broken message says nothing reliable about the next number
        return error;
    }

    /// <summary>A Template Set (2) or Options Template Set (3), with withdrawals (field count 0).</summary>
    private FlowDecodeError IpfixTemplates(ExporterDomain d, ushort setId, ReadOnlySpan<byte> body)
    {
        var result = FlowDecodeError.None;
        bool options = setId == 3;
        while (body.Length >= 4 && !IsPadding(body))
        {
            ushort id = BinaryPrimitives.ReadUInt16BigEndian(body);
            int fieldCount = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
            if (fieldCount == 0)
            {
                // withdrawal: of one template, or (template id = set id) of all templates of that kind (RFC 7011 §8.1)
                if (id == setId) WithdrawAll(d, options);
                else if (id >= 256) Withdraw(d, id);
                else return FlowDecodeError.BadTemplate;
                body = body[4..];
                continue;
            }
            if (id < 256 || fieldCount > FlowTemplate.MaxFields) return FlowDecodeError.BadTemplate;
            int pos = 4, scopeCount = 0;
            if (options)
            {
                if (body.Length < 6) return FlowDecodeError.BadSetLength;
                scopeCount = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                if (scopeCount == 0 || scopeCount > fieldCount) return FlowDecodeError.BadTemplate;
                pos = 6;
            }
            for (int i = 0; i < fieldCount; i++)
            {
                if (body.Length - pos < 4) return FlowDecodeError.BadSetLength;
                ushort ie = BinaryPrimitives.ReadUInt16BigEndian(body[pos..]);
                ushort fieldLength = BinaryPrimitives.ReadUInt16BigEndian(body[(pos + 2)..]);
                pos += 4;
                bool enterprise = (ie & 0x8000) != 0;
                if (enterprise)
                {
                    // the 4-byte Private Enterprise Number follows; NetOps maps no enterprise element, it only skips them
                    if (body.Length - pos < 4) return FlowDecodeError.BadSetLength;
                    pos += 4;
                }
                _specs[i] = new FieldSpec((ushort)(ie & 0x7FFF), fieldLength, enterprise, i < scopeCount);
            }
            var e = StoreTemplate(d, id, options, _specs.AsSpan(0, fieldCount), body[..pos]);
            if (e == FlowDecodeError.TooManyTemplates) result = e;
            else if (e != FlowDecodeError.None) return e;
            body = body[pos..];
        }
        return result;
    }
}
