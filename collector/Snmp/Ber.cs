using System.Buffers.Binary;

namespace NetOps.Collector.Snmp;

/// <summary>
/// A BER reader over hostile bytes (the SNMP subset: definite lengths, single-byte tags). Every method returns false
/// on anything malformed, never throws, and never reads past the span it was given.
/// </summary>
public ref struct BerReader
{
    /// <summary>Length octets beyond this many (a 4 GiB length) are refused; SNMP messages fit in 64 KiB.</summary>
    private const int MaxLengthOctets = 4;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BerReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;
    public readonly int Position => _position;

    /// <summary>The next tag without moving, or false at the end.</summary>
    public readonly bool TryPeekTag(out byte tag)
    {
        tag = 0;
        if ((uint)_position >= (uint)_data.Length) return false;
        tag = _data[_position];
        return true;
    }

    /// <summary>Reads one tag-length-value; <paramref name="content"/> is the value's bytes.</summary>
    public bool TryReadTlv(out byte tag, out ReadOnlySpan<byte> content)
    {
        tag = 0;
        content = default;
        var rest = _data[_position..];
        if (rest.Length < 2) return false;
        tag = rest[0];
        if ((tag & 0x1F) == 0x1F) return false; // multi-byte tags are not SNMP
        int first = rest[1];
        int header = 2;
        long length;
        if (first < 0x80) length = first;
        else
        {
            int octets = first & 0x7F;
            if (octets == 0 || octets > MaxLengthOctets) return false; // indefinite or absurd
            if (rest.Length < 2 + octets) return false;
            length = 0;
            for (int i = 0; i < octets; i++) length = (length << 8) | rest[2 + i];
            header += octets;
        }
        if (length > rest.Length - header) return false;
        content = rest.Slice(header, (int)length);
        _position += header + (int)length;
        return true;
    }

    /// <summary>Reads one whole TLV, header included (a v3 ScopedPDU is parsed on its own from these octets).</summary>
    public bool TryReadElement(out ReadOnlySpan<byte> element)
    {
        element = default;
        int start = _position;
        if (!TryReadTlv(out _, out _)) return false;
        element = _data[start.._position];
        return true;
    }

    /// <summary>Reads a TLV that must carry <paramref name="expected"/>.</summary>
    public bool TryRead(byte expected, out ReadOnlySpan<byte> content)
    {
        if (!TryPeekTag(out var tag) || tag != expected) { content = default; return false; }
        return TryReadTlv(out _, out content);
    }

    public bool TryReadSequence(out BerReader inner) => TryReadConstructed(0x30, out inner);

    public bool TryReadConstructed(byte expected, out BerReader inner)
    {
        inner = default;
        if (!TryRead(expected, out var content)) return false;
        inner = new BerReader(content);
        return true;
    }

    public bool TryReadInteger(out long value)
    {
        value = 0;
        return TryRead(0x02, out var content) && TryDecodeSigned(content, out value);
    }

    public bool TryReadInt32(out int value)
    {
        value = 0;
        if (!TryReadInteger(out var v) || v is < int.MinValue or > int.MaxValue) return false;
        value = (int)v;
        return true;
    }

    public bool TryReadOctetString(out ReadOnlySpan<byte> value) => TryRead(0x04, out value);

    /// <summary>A two's-complement INTEGER of 1 to 8 octets.</summary>
    public static bool TryDecodeSigned(ReadOnlySpan<byte> content, out long value)
    {
        value = 0;
        if (content.Length is 0 or > 8) return false;
        long v = (sbyte)content[0];
        for (int i = 1; i < content.Length; i++) v = (v << 8) | content[i];
        value = v;
        return true;
    }

    /// <summary>
    /// An unsigned application integer (Counter32, Gauge32, TimeTicks, Counter64). Agents prefix a zero octet to keep
    /// the sign bit clear, so up to <paramref name="maxBytes"/>+1 octets are taken when the first is zero; a negative
    /// encoding (some old agents) is read as its two's-complement bits, as net-snmp does.
    /// </summary>
    public static bool TryDecodeUnsigned(ReadOnlySpan<byte> content, int maxBytes, out ulong value)
    {
        value = 0;
        if (content.Length == 0) return false;
        while (content.Length > maxBytes && content[0] == 0) content = content[1..];
        if (content.Length > maxBytes) return false;
        ulong v = 0;
        foreach (var b in content) v = (v << 8) | b;
        value = v;
        return true;
    }

    /// <summary>An OID's content octets: first octet 40·X+Y, then base-128 sub-identifiers of at most 32 bits.</summary>
    public static bool TryDecodeOid(ReadOnlySpan<byte> content, out Oid? oid)
    {
        oid = null;
        if (content.Length == 0) return false;
        Span<uint> parts = stackalloc uint[Oid.MaxLength];
        int count = 0;
        ulong current = 0;
        int groupBytes = 0;
        for (int i = 0; i < content.Length; i++)
        {
            byte b = content[i];
            if (groupBytes == 0 && b == 0x80) return false; // non-minimal
            current = (current << 7) | (uint)(b & 0x7F);
            groupBytes++;
            if (groupBytes > 5 || current > uint.MaxValue && count > 0) return false;
            if ((b & 0x80) != 0) continue;
            if (count == 0)
            {
                // The first group is 40·X + Y (X ≤ 2; Y may exceed 39 only when X is 2).
                if (current > uint.MaxValue) return false;
                uint first = current < 40 ? 0u : current < 80 ? 1u : 2u;
                parts[0] = first;
                parts[1] = (uint)(current - first * 40);
                count = 2;
            }
            else
            {
                if (count >= Oid.MaxLength) return false;
                parts[count++] = (uint)current;
            }
            current = 0;
            groupBytes = 0;
        }
        if (groupBytes != 0) return false; // the last sub-identifier was cut
        oid = Oid.Wrap(parts[..count].ToArray());
        return true;
    }

    public bool TryReadOid(out Oid? oid)
    {
        oid = null;
        return TryRead(0x06, out var content) && TryDecodeOid(content, out oid);
    }

    /// <summary>A varbind value of any SNMP type; an unknown tag is refused.</summary>
    public bool TryReadValue(out SnmpValue value)
    {
        value = default;
        if (!TryReadTlv(out var tag, out var content)) return false;
        switch ((SnmpType)tag)
        {
            case SnmpType.Integer:
                if (!TryDecodeSigned(content, out var i) || i is < int.MinValue or > int.MaxValue) return false;
                value = new SnmpValue(SnmpType.Integer, unchecked((ulong)i), null, null);
                return true;
            case SnmpType.OctetString or SnmpType.Opaque:
                value = new SnmpValue((SnmpType)tag, 0, content.ToArray(), null);
                return true;
            case SnmpType.IpAddress:
                if (content.Length != 4) return false;
                value = new SnmpValue(SnmpType.IpAddress, 0, content.ToArray(), null);
                return true;
            case SnmpType.Null or SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView:
                if (content.Length != 0) return false;
                value = new SnmpValue((SnmpType)tag, 0, null, null);
                return true;
            case SnmpType.ObjectIdentifier:
                if (!TryDecodeOid(content, out var oid)) return false;
                value = new SnmpValue(SnmpType.ObjectIdentifier, 0, null, oid);
                return true;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks:
                if (!TryDecodeUnsigned(content, 4, out var u32)) return false;
                value = new SnmpValue((SnmpType)tag, u32, null, null);
                return true;
            case SnmpType.Counter64:
                if (!TryDecodeUnsigned(content, 8, out var u64)) return false;
                value = new SnmpValue(SnmpType.Counter64, u64, null, null);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>Builds BER: each constructed value is written after its contents, so lengths are always exact.</summary>
public sealed class BerWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public int Length => _length;
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);
    public byte[] ToArray() => Written.ToArray();
    public void Clear() => _length = 0;

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    public void WriteTlv(byte tag, ReadOnlySpan<byte> content)
    {
        WriteHeader(tag, content.Length);
        content.CopyTo(Reserve(content.Length));
    }

    private void WriteHeader(byte tag, int length)
    {
        Reserve(1)[0] = tag;
        if (length < 0x80) { Reserve(1)[0] = (byte)length; return; }
        int octets = length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : length <= 0xFFFFFF ? 3 : 4;
        var span = Reserve(1 + octets);
        span[0] = (byte)(0x80 | octets);
        for (int i = 0; i < octets; i++) span[octets - i] = (byte)(length >> (8 * i));
    }

    /// <summary>Starts a constructed value; <see cref="Pop"/> closes it with its exact length.</summary>
    public int Push() => _length;

    public void Pop(int start, byte tag)
    {
        int contentLength = _length - start;
        var content = _buffer.AsSpan(start, contentLength).ToArray();
        _length = start;
        WriteTlv(tag, content);
    }

    public void WriteInteger(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        int start = 0;
        while (start < 7 && ((bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0) || (bytes[start] == 0xFF && (bytes[start + 1] & 0x80) != 0))) start++;
        WriteTlv(0x02, bytes[start..]);
    }

    public void WriteUnsigned(byte tag, ulong value)
    {
        Span<byte> bytes = stackalloc byte[9];
        BinaryPrimitives.WriteUInt64BigEndian(bytes[1..], value);
        int start = 0;
        while (start < 8 && bytes[start] == 0 && (bytes[start + 1] & 0x80) == 0) start++;
        WriteTlv(tag, bytes[start..]);
    }

    public void WriteOctetString(ReadOnlySpan<byte> value) => WriteTlv(0x04, value);
    public void WriteNull() => WriteTlv(0x05, []);

    public void WriteOid(Oid oid)
    {
        Span<byte> content = stackalloc byte[Oid.MaxLength * 5 + 5];
        int n = 0;
        var parts = oid.Parts;
        ulong first = parts.Length switch { 0 => 0, 1 => parts[0] * 40UL, _ => parts[0] * 40UL + parts[1] };
        n += WriteBase128(content[n..], first);
        for (int i = 2; i < parts.Length; i++) n += WriteBase128(content[n..], parts[i]);
        WriteTlv(0x06, content[..n]);
    }

    private static int WriteBase128(Span<byte> into, ulong value)
    {
        int groups = 1;
        for (ulong v = value >> 7; v != 0; v >>= 7) groups++;
        for (int i = 0; i < groups; i++)
        {
            byte b = (byte)((value >> (7 * (groups - 1 - i))) & 0x7F);
            if (i < groups - 1) b |= 0x80;
            into[i] = b;
        }
        return groups;
    }

    public void WriteValue(SnmpValue value)
    {
        switch (value.Type)
        {
            case SnmpType.Integer: WriteInteger(unchecked((long)value.Number)); break;
            case SnmpType.OctetString or SnmpType.Opaque or SnmpType.IpAddress: WriteTlv((byte)value.Type, value.Bytes ?? []); break;
            case SnmpType.ObjectIdentifier: WriteOid(value.OidValue ?? new Oid(0, 0)); break;
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64: WriteUnsigned((byte)value.Type, value.Number); break;
            default: WriteTlv((byte)value.Type, []); break;
        }
    }
}
