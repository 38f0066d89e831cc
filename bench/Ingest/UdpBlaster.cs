using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetOps.Bench.Ingest;

/// <summary>
/// Sends unique FortiGate deny lines over UDP at a fixed rate, paced per millisecond, on its own thread.
/// Sequence numbers continue across runs, so no two datagrams of one harness run are alike.
/// </summary>
public sealed class UdpBlaster
{
    // A sender the scheduler held back catches up (a loaded 2-core machine stalls a sleeping thread for tens of ms,
    // and the offered rate should not depend on that); beyond this many milliseconds' worth it is simply behind,
    // and the achieved rate says so.
    private const int MaxCatchUpTicks = 100;

    private long _nextSequence = 1;

    /// <summary>Blasts <paramref name="rate"/> messages a second to <paramref name="target"/> for <paramref name="duration"/>.</summary>
    public Task<BlastResult> RunAsync(IPEndPoint target, string deviceName, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var done = new TaskCompletionSource<BlastResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(Run(target, new FortiGateDenyLog(deviceName), rate, duration, cancellationToken)); }
            catch (Exception e) { done.SetException(e); }
        })
        { IsBackground = true, Name = $"udp-blaster-{rate}" };
        thread.Start();
        return done.Task;
    }

    private BlastResult Run(IPEndPoint target, FortiGateDenyLog log, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.SendBufferSize = 4 << 20;
        socket.Connect(target);

        Span<byte> buffer = stackalloc byte[FortiGateDenyLog.MaxLength];
        var perTick = rate / 1000.0;
        var maxBurst = Math.Max(1, (long)Math.Ceiling(perTick * MaxCatchUpTicks));
        long sent = 0, errors = 0, owed = 0;
        var epochNs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var clock = Stopwatch.StartNew();
        var end = duration;

        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed;
            if (elapsed >= end) break;
            var due = (long)(rate * elapsed.TotalSeconds) - sent - errors - owed;
            if (due <= 0)
            {
                Thread.Sleep(1);
                continue;
            }
            if (due > maxBurst)
            {
                owed += due - maxBurst;
                due = maxBurst;
            }
            var nowNs = epochNs + elapsed.Ticks * 100;
            for (var i = 0; i < due; i++)
            {
                var sequence = _nextSequence++;
                var length = log.Write(buffer, sequence, nowNs + i);
                socket.Send(buffer[..length], SocketFlags.None, out var error);
                if (error == SocketError.Success) sent++;
                else errors++;
            }
        }
        return new BlastResult(rate, sent, clock.Elapsed, errors);
    }
}
