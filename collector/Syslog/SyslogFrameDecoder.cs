using System.Buffers;

namespace NetOps.Collector.Syslog;

/// <summary>
/// Splits a syslog TCP stream into messages (RFC 6587), deciding per frame: a frame that starts with a digit is
/// octet-counted (<c>123 &lt;34&gt;1 …</c>), any other is non-transparent, ended by LF (CRLF and NUL are accepted too).
/// An octet-counted frame over <c>maxFrameLength</c> is reported and skipped by exactly its announced count (RFC 6587
/// streams often carry no LF at all); an LF-delimited frame over the limit and a garbage octet count are skipped up
/// to the next LF, so one bad sender line cannot wedge the connection. Kestrel style: <c>false</c> means "need more data", never "bad".
/// One decoder per connection (it remembers a skip in progress); never throws.
/// </summary>
public sealed class SyslogFrameDecoder
{
    private const int MaxCountDigits = 9;
    private readonly int _maxFrameLength;
    private bool _skipping;
    private long _skipBytes;

    public SyslogFrameDecoder(int maxFrameLength = SyslogParser.DefaultMaxMessageLength)
        => _maxFrameLength = maxFrameLength > 0 ? maxFrameLength : SyslogParser.DefaultMaxMessageLength;

    public int MaxFrameLength => _maxFrameLength;

    /// <summary>The reason for the last <see cref="FrameStatus.Skipped"/>.</summary>
    public FrameError LastError { get; private set; }

    /// <summary>
    /// Reads the next frame from <paramref name="buffer"/>, which is advanced past what was consumed. Returns true
    /// with <paramref name="error"/> None and a frame, or true with an error when bytes were skipped; false when
    /// more data is needed.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out FrameError error)
        => TryReadFrame(ref buffer, isCompleted: false, out frame, out error);

    /// <summary>
    /// As <see cref="TryReadFrame(ref ReadOnlySequence{byte}, out ReadOnlySequence{byte}, out FrameError)"/>; with
    /// <paramref name="isCompleted"/> (the connection closed) a final frame without its LF is returned too.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> frame, out FrameError error)
    {
        var status = TryReadFrame(ref buffer, isCompleted, out frame);
        error = status == FrameStatus.Skipped ? LastError : FrameError.None;
        return status != FrameStatus.NeedMoreData;
    }

    /// <summary>The same as a status; <see cref="FrameStatus.Skipped"/> sets <see cref="LastError"/>.</summary>
    public FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (_skipBytes > 0)
        {
            // The rest of an oversize octet-counted frame: its count says where the next frame starts.
            long n = Math.Min(_skipBytes, buffer.Length);
            buffer = buffer.Slice(n);
            _skipBytes -= n;
            if (_skipBytes > 0)
            {
                if (isCompleted) _skipBytes = 0;
                return FrameStatus.NeedMoreData;
            }
        }
        if (_skipping)
        {
            var lf = buffer.PositionOf((byte)'\n');
            if (lf is null)
            {
                buffer = buffer.Slice(buffer.End);
                if (isCompleted) _skipping = false;
                return FrameStatus.NeedMoreData;
            }
            buffer = buffer.Slice(buffer.GetPosition(1, lf.Value));
            _skipping = false;
        }

        var reader = new SequenceReader<byte>(buffer);
        // Trailers left over from the previous frame (CRLF, NUL, an LF after an octet-counted frame) are not frames.
        reader.AdvancePastAny((byte)'\n', (byte)'\r', 0);
        buffer = buffer.Slice(reader.Position);
        if (reader.End) return FrameStatus.NeedMoreData;

        reader.TryPeek(out byte first);
        if ((uint)(first - '1') <= 8) return OctetCounted(ref buffer, ref reader, isCompleted, out frame);

        if (reader.TryReadToAny(out ReadOnlySequence<byte> line, "\n\0"u8, advancePastDelimiter: true))
        {
            buffer = buffer.Slice(reader.Position);
            if (line.Length > _maxFrameLength + 1) return Skip(FrameError.TooLong, resync: false);
            frame = TrimCr(line);
            if (frame.Length > _maxFrameLength) { frame = default; return Skip(FrameError.TooLong, resync: false); }
            return FrameStatus.Frame;
        }
        if (buffer.Length > _maxFrameLength + 1)
        {
            buffer = buffer.Slice(buffer.End);
            return Skip(FrameError.TooLong, resync: !isCompleted);
        }
        if (isCompleted)
        {
            frame = TrimCr(buffer);
            buffer = buffer.Slice(buffer.End);
            if (frame.Length > _maxFrameLength) { frame = default; return Skip(FrameError.TooLong, resync: false); }
            return frame.Length == 0 ? FrameStatus.NeedMoreData : FrameStatus.Frame;
        }
        return FrameStatus.NeedMoreData;
    }

    private FrameStatus OctetCounted(ref ReadOnlySequence<byte> buffer, ref SequenceReader<byte> reader, bool isCompleted, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        long count = 0;
        int digits = 0;
        while (true)
        {
            if (!reader.TryRead(out byte b))
            {
                if (!isCompleted) return FrameStatus.NeedMoreData;
                buffer = buffer.Slice(buffer.End);
                return Skip(FrameError.Truncated, resync: false);
            }
            if (b == (byte)' ') break;
            if ((uint)(b - '0') > 9 || ++digits > MaxCountDigits) return SkipLine(ref buffer, ref reader, FrameError.BadOctetCount);
            count = count * 10 + (b - '0');
        }
        if (count > _maxFrameLength)
        {
            long available = reader.Remaining;
            if (available >= count)
            {
                buffer = buffer.Slice(reader.Position).Slice(count);
            }
            else
            {
                buffer = buffer.Slice(buffer.End);
                _skipBytes = isCompleted ? 0 : count - available;
            }
            return Skip(FrameError.TooLong, resync: false);
        }
        if (reader.Remaining < count)
        {
            if (!isCompleted) return FrameStatus.NeedMoreData;
            buffer = buffer.Slice(buffer.End);
            return Skip(FrameError.Truncated, resync: false);
        }
        frame = buffer.Slice(reader.Position, count);
        buffer = buffer.Slice(frame.End);
        return FrameStatus.Frame;
    }

    /// <summary>Drops the rest of the current line, or everything and keeps skipping when its LF has not arrived.</summary>
    private FrameStatus SkipLine(ref ReadOnlySequence<byte> buffer, ref SequenceReader<byte> reader, FrameError error)
    {
        if (reader.TryAdvanceTo((byte)'\n', advancePastDelimiter: true))
        {
            buffer = buffer.Slice(reader.Position);
            return Skip(error, resync: false);
        }
        buffer = buffer.Slice(buffer.End);
        return Skip(error, resync: true);
    }

    private FrameStatus Skip(FrameError error, bool resync)
    {
        LastError = error;
        _skipping = resync;
        return FrameStatus.Skipped;
    }

    private static ReadOnlySequence<byte> TrimCr(ReadOnlySequence<byte> line)
    {
        while (line.Length > 0)
        {
            var last = line.Slice(line.Length - 1);
            byte b = last.FirstSpan[0];
            if (b != (byte)'\r' && b != 0) break;
            line = line.Slice(0, line.Length - 1);
        }
        return line;
    }
}
