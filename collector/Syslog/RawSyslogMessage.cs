using System.Buffers;
using System.Net;

namespace NetOps.Collector.Syslog;

/// <summary>
/// One received message on its way from a listener to the processor. <see cref="Buffer"/> is rented from
/// <see cref="ArrayPool{T}.Shared"/>; the processor returns it.
/// </summary>
public readonly record struct RawSyslogMessage(byte[] Buffer, int Length, IPAddress Source, long ReceivedAtNs, SyslogTransport Transport)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public static RawSyslogMessage Copy(ReadOnlySpan<byte> data, IPAddress source, long receivedAtNs, SyslogTransport transport)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, data.Length));
        data.CopyTo(buffer);
        return new RawSyslogMessage(buffer, data.Length, source, receivedAtNs, transport);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
