using System.Buffers;
using System.Net;

namespace NetOps.Collector.Flows;

/// <summary>
/// One export datagram on its way from a listener to the decoder. <see cref="Buffer"/> is rented from
/// <see cref="ArrayPool{T}.Shared"/>; the processor returns it. <see cref="SourcePort"/> with <see cref="Exporter"/> is the
/// transport session that the exporter's templates belong to (0: not known).
/// </summary>
public readonly record struct FlowDatagram(byte[] Buffer, int Length, IPAddress Exporter, long ReceivedAtNs, FlowListenerKind Listener, ushort SourcePort = 0)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public static FlowDatagram Copy(ReadOnlySpan<byte> data, IPAddress exporter, long receivedAtNs, FlowListenerKind listener, ushort sourcePort = 0)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, data.Length));
        data.CopyTo(buffer);
        return new FlowDatagram(buffer, data.Length, exporter, receivedAtNs, listener, sourcePort);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
