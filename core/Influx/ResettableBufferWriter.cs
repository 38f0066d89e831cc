using System.Buffers;

namespace NetOps.Core.Influx;

/// <summary>A growable byte buffer that can be cut back to an earlier length (one batch of line protocol).</summary>
internal sealed class ResettableBufferWriter(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[Math.Max(256, initialCapacity)];

    public int WrittenCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, WrittenCount);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (WrittenCount + count > _buffer.Length) throw new InvalidOperationException("Advanced past the end of the buffer");
        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) { Ensure(sizeHint); return _buffer.AsMemory(WrittenCount); }

    public Span<byte> GetSpan(int sizeHint = 0) { Ensure(sizeHint); return _buffer.AsSpan(WrittenCount); }

    public void ResetTo(int count) => WrittenCount = Math.Clamp(count, 0, WrittenCount);

    public void ResetWrittenCount() => WrittenCount = 0;

    private void Ensure(int sizeHint)
    {
        int need = WrittenCount + Math.Max(sizeHint, 1);
        if (need <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(need, _buffer.Length * 2));
    }
}
