using System.Buffers.Binary;

namespace NetOps.Collector.Capture;

/// <summary>
/// Reads classic pcap (microsecond and nanosecond, either byte order) and pcapng (section header, interface
/// description with <c>if_tsresol</c>/<c>if_tsoffset</c>, enhanced, simple and obsolete packet blocks) from a stream
/// into one reusable buffer: a record is a view into the buffer, valid until the next <see cref="MoveNextAsync"/>.
/// A file that is not a capture throws <see cref="InvalidDataException"/> on open; damage after that (a record cut
/// short, a length that cannot be) ends the reading and is reported in <see cref="Damage"/>, never thrown.
/// </summary>
public sealed class CaptureFileReader : IDisposable
{
    /// <summary>Largest record or block accepted (libpcap's own maximum snap length is 256 KiB).</summary>
    public const int MaxRecordBytes = 16 << 20;

    private const uint PcapMagicMicro = 0xA1B2C3D4, PcapMagicNano = 0xA1B23C4D;
    private const uint NgSectionHeader = 0x0A0D0D0A, NgByteOrderMagic = 0x1A2B3C4D;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private byte[] _buffer;
    private int _start, _end;
    private bool _eof;
    private long _streamBytes;
    private bool _done;

    private bool _pcapng;
    private bool _bigEndian;
    private int _pcapLinkType;
    private bool _pcapNano;
    private readonly List<Interface> _interfaces = [];

    // The current record
    private int _dataOffset, _dataLength;

    private readonly record struct Interface(int LinkType, long UnitsPerSecond, bool Decimal, int Exponent, long OffsetSeconds);

    private CaptureFileReader(Stream stream, bool ownsStream, int bufferSize)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _buffer = new byte[Math.Max(bufferSize, 64 << 10)];
    }

    /// <summary>Link type of the current record.</summary>
    public int LinkType { get; private set; }

    /// <summary>Timestamp of the current record, nanoseconds since the Unix epoch (UTC).</summary>
    public long TimestampNs { get; private set; }

    /// <summary>Length of the packet on the wire as recorded (the captured length when the record says 0), as tcpdump reports it.</summary>
    public int OriginalLength { get; private set; }

    /// <summary>The captured bytes of the current record.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_dataOffset, _dataLength);

    /// <summary>Bytes of the file consumed so far (headers and whole records or blocks).</summary>
    public long Position => _streamBytes - (_end - _start);

    /// <summary>Records read so far.</summary>
    public long Records { get; private set; }

    /// <summary>Why reading stopped early, or null when the file ended cleanly.</summary>
    public string? Damage { get; private set; }

    /// <summary>True when the file is pcapng.</summary>
    public bool IsPcapng => _pcapng;

    /// <summary>Opens a capture file; throws <see cref="InvalidDataException"/> (naming the file) when it is neither pcap nor pcapng.</summary>
    public static async Task<CaptureFileReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            return await OpenAsync(stream, true, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    public static async Task<CaptureFileReader> OpenAsync(Stream stream, bool ownsStream, CancellationToken cancellationToken = default, int bufferSize = 1 << 20)
    {
        var probe = new CaptureFileReader(stream, ownsStream, bufferSize);
        if (!await probe.EnsureAsync(4, cancellationToken).ConfigureAwait(false))
            throw new InvalidDataException("not a pcap or pcapng file (shorter than a file header)");
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(probe._buffer.AsSpan(probe._start));
        var reader = probe;
        reader._pcapng = magic == NgSectionHeader;
        if (reader._pcapng)
        {
            if (!await reader.EnsureAsync(12, cancellationToken).ConfigureAwait(false))
                throw new InvalidDataException("pcapng section header is cut short");
            uint bom = BinaryPrimitives.ReadUInt32LittleEndian(reader._buffer.AsSpan(reader._start + 8));
            if (bom == NgByteOrderMagic) reader._bigEndian = false;
            else if (BinaryPrimitives.ReverseEndianness(bom) == NgByteOrderMagic) reader._bigEndian = true;
            else throw new InvalidDataException("pcapng section header has no byte-order magic");
            return reader;
        }
        if (!await reader.EnsureAsync(24, cancellationToken).ConfigureAwait(false))
            throw new InvalidDataException("pcap file header is cut short");
        var header = reader._buffer.AsSpan(reader._start, 24);
        switch (magic)
        {
            case PcapMagicMicro: break;
            case PcapMagicNano: reader._pcapNano = true; break;
            default:
                uint swapped = BinaryPrimitives.ReverseEndianness(magic);
                if (swapped == PcapMagicMicro) reader._bigEndian = true;
                else if (swapped == PcapMagicNano) { reader._bigEndian = true; reader._pcapNano = true; }
                else throw new InvalidDataException($"not a pcap or pcapng file (magic 0x{magic:x8})");
                break;
        }
        // Upper bits carry the FCS length (pcap-savefile); the link type is the low 16 bits.
        reader._pcapLinkType = (int)(reader.U32(header[20..]) & 0xFFFF);
        reader._start += 24;
        return reader;
    }

    /// <summary>Advances to the next packet record; false at the end of the file or at damage (<see cref="Damage"/>).</summary>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_done) return new ValueTask<bool>(false);
        // Fast path: the whole record is already in the buffer.
        var result = _pcapng ? TryNextBlock() : TryNextPcap();
        if (result == Step.Record) return new ValueTask<bool>(true);
        if (result == Step.Stop) return new ValueTask<bool>(false);
        return MoveNextSlowAsync(cancellationToken);
    }

    private async ValueTask<bool> MoveNextSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = _pcapng ? TryNextBlock() : TryNextPcap();
            if (result == Step.Record) return true;
            if (result == Step.Stop) return false;
            if (result == Step.Skipped) continue;
            // Step.NeedMore(n) is encoded in _need
            if (!await EnsureAsync(_need, cancellationToken).ConfigureAwait(false))
            {
                if (_end > _start) Stop($"the last record is cut short ({_end - _start} of {_need} bytes present)");
                else _done = true;
                return false;
            }
        }
    }

    private enum Step : byte { Record, NeedMore, Skipped, Stop }

    private int _need;

    private Step NeedMore(int bytes)
    {
        _need = bytes;
        return Step.NeedMore;
    }

    private Step TryNextPcap()
    {
        int available = _end - _start;
        if (available < 16) return NeedMore(16);
        var h = _buffer.AsSpan(_start, 16);
        uint seconds = U32(h), fraction = U32(h[4..]), captured = U32(h[8..]), original = U32(h[12..]);
        if (captured > MaxRecordBytes) return Stop($"record {Records + 1} claims {captured} captured bytes");
        if ((uint)available < 16 + captured) return NeedMore(16 + (int)captured);
        if (!_pcapNano && fraction >= 1_000_000 || _pcapNano && fraction >= 1_000_000_000)
            return Stop($"record {Records + 1} has a sub-second timestamp part of {fraction}");
        LinkType = _pcapLinkType;
        TimestampNs = seconds * 1_000_000_000L + (_pcapNano ? fraction : fraction * 1000L);
        OriginalLength = (int)Math.Min(original == 0 ? captured : original, int.MaxValue);
        _dataOffset = _start + 16;
        _dataLength = (int)captured;
        _start += 16 + (int)captured;
        Records++;
        return Step.Record;
    }

    private Step TryNextBlock()
    {
        int available = _end - _start;
        if (available < 12) return NeedMore(12);
        var span = _buffer.AsSpan(_start);
        uint type = U32(span);
        uint length = U32(span[4..]);
        if (type == NgSectionHeader)
        {
            // A new section may change byte order.
            uint bom = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
            if (bom == NgByteOrderMagic) _bigEndian = false;
            else if (BinaryPrimitives.ReverseEndianness(bom) == NgByteOrderMagic) _bigEndian = true;
            else return Stop("a section header has no byte-order magic");
            length = U32(span[4..]);
            _interfaces.Clear();
        }
        if (length < 12 || length % 4 != 0 || length > MaxRecordBytes) return Stop($"block of type 0x{type:x} has length {length}");
        if ((uint)available < length) return NeedMore((int)length);
        var block = span[..(int)length];
        if (U32(block[^4..]) != length) return Stop($"block of type 0x{type:x}: trailing length differs from {length}");
        var body = block[8..^4];
        int bodyStart = _start + 8;
        _start += (int)length;
        switch (type)
        {
            case 1: // interface description
                if (body.Length < 8) return Stop("interface description block is too short");
                _interfaces.Add(ReadInterface(body));
                return Step.Skipped;
            case 6: // enhanced packet
            {
                if (body.Length < 20) return Stop("enhanced packet block is too short");
                uint id = U32(body), high = U32(body[4..]), low = U32(body[8..]), captured = U32(body[12..]), original = U32(body[16..]);
                if (id >= (uint)_interfaces.Count) return Stop($"enhanced packet block names interface {id}, which is not described");
                if (captured > (uint)(body.Length - 20)) return Stop($"enhanced packet block claims {captured} captured bytes in a {body.Length}-byte body");
                var i = _interfaces[(int)id];
                return Record(i.LinkType, ToNs(i, ((ulong)high << 32) | low), bodyStart + 20, (int)captured, original);
            }
            case 3: // simple packet: interface 0, no timestamp
            {
                if (body.Length < 4) return Stop("simple packet block is too short");
                if (_interfaces.Count == 0) return Stop("simple packet block before any interface description");
                uint original = U32(body);
                int captured = (int)Math.Min(original, (uint)(body.Length - 4));
                return Record(_interfaces[0].LinkType, TimestampNs, bodyStart + 4, captured, original);
            }
            case 2: // obsolete packet block
            {
                if (body.Length < 20) return Stop("packet block is too short");
                int id = (_bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(body) : BinaryPrimitives.ReadUInt16LittleEndian(body));
                uint high = U32(body[4..]), low = U32(body[8..]), captured = U32(body[12..]), original = U32(body[16..]);
                if (id >= _interfaces.Count) return Stop($"packet block names interface {id}, which is not described");
                if (captured > (uint)(body.Length - 20)) return Stop($"packet block claims {captured} captured bytes in a {body.Length}-byte body");
                var i = _interfaces[id];
                return Record(i.LinkType, ToNs(i, ((ulong)high << 32) | low), bodyStart + 20, (int)captured, original);
            }
            default:
                return Step.Skipped; // section header, statistics, name resolution, custom…
        }
    }

    private Step Record(int linkType, long timestampNs, int offset, int captured, uint original)
    {
        LinkType = linkType;
        TimestampNs = timestampNs;
        OriginalLength = (int)Math.Min(original == 0 ? (uint)captured : original, int.MaxValue);
        _dataOffset = offset;
        _dataLength = captured;
        Records++;
        return Step.Record;
    }

    private Interface ReadInterface(ReadOnlySpan<byte> body)
    {
        int linkType = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(body) : BinaryPrimitives.ReadUInt16LittleEndian(body);
        bool dec = true;
        int exponent = 6;
        long offsetSeconds = 0;
        var options = body[8..];
        // Options: code (2), length (2), value padded to 4; end at code 0 or when the body runs out.
        for (int guard = 0; options.Length >= 4 && guard < 256; guard++)
        {
            int code = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(options) : BinaryPrimitives.ReadUInt16LittleEndian(options);
            int len = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(options[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(options[2..]);
            if (code == 0 || 4 + len > options.Length) break;
            var value = options.Slice(4, len);
            if (code == 9 && len >= 1)
            {
                dec = (value[0] & 0x80) == 0;
                exponent = value[0] & 0x7F;
            }
            else if (code == 14 && len >= 8)
            {
                offsetSeconds = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }
            int padded = (4 + len + 3) & ~3;
            if (padded > options.Length) break;
            options = options[padded..];
        }
        // A resolution finer than 1e-18 s or 2^-62 s cannot be represented; fall back to microseconds.
        if (dec && exponent > 18 || !dec && exponent > 62) { dec = true; exponent = 6; }
        long unitsPerSecond = dec ? Pow10(exponent) : 1L << exponent;
        return new Interface(linkType, unitsPerSecond, dec, exponent, offsetSeconds);
    }

    private static long Pow10(int e)
    {
        long v = 1;
        for (int i = 0; i < e; i++) v *= 10;
        return v;
    }

    private static long ToNs(Interface i, ulong units)
    {
        ulong perSecond = (ulong)i.UnitsPerSecond;
        ulong seconds = units / perSecond, rest = units % perSecond;
        long ns = (long)((UInt128)rest * 1_000_000_000UL / perSecond);
        return unchecked((long)seconds * 1_000_000_000L + ns + i.OffsetSeconds * 1_000_000_000L);
    }

    private Step Stop(string reason)
    {
        Damage = reason;
        _done = true;
        return Step.Stop;
    }

    private uint U32(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    /// <summary>Makes at least <paramref name="bytes"/> available from <c>_start</c>; false at the end of the stream.</summary>
    private async ValueTask<bool> EnsureAsync(int bytes, CancellationToken cancellationToken)
    {
        while (_end - _start < bytes)
        {
            if (_eof) return false;
            if (bytes > _buffer.Length)
            {
                var bigger = new byte[Math.Max(bytes, _buffer.Length * 2)];
                Buffer.BlockCopy(_buffer, _start, bigger, 0, _end - _start);
                _end -= _start;
                _start = 0;
                _buffer = bigger;
            }
            else if (_start > 0 && _buffer.Length - _start < bytes)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0) _eof = true;
            _streamBytes += read;
            _end += read;
        }
        return true;
    }

    public void Dispose()
    {
        if (_ownsStream) _stream.Dispose();
    }
}
