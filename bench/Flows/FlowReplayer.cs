using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetOps.Bench.Ingest;

namespace NetOps.Bench.Flows;

/// <summary>
/// Replays a <see cref="FlowExportStream"/> over UDP from 127.0.0.1 at a fixed rate of flow records per second, paced
/// per millisecond on its own thread, patching each datagram's sequence number and export time as a live exporter would.
/// </summary>
public sealed class FlowReplayer(FlowExportStream stream)
{
    private const int MaxCatchUpTicks = 100;

    /// <summary>Sends for <paramref name="duration"/>; the result counts datagrams (its Sent × records per datagram = records).</summary>
    public Task<BlastResult> RunAsync(IPEndPoint target, int recordsPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<BlastResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(Run(target, recordsPerSecond, duration, cancellationToken)); }
            catch (Exception e) { done.SetException(e); }
        })
        { IsBackground = true, Name = "flow-replayer" };
        thread.Start();
        return done.Task;
    }

    private BlastResult Run(IPEndPoint target, int recordsPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SendBufferSize = 4 << 20;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(target);
        double rate = (double)recordsPerSecond / FlowExportStream.RecordsPerDatagram;
        var maxBurst = Math.Max(1, (long)Math.Ceiling(rate / 1000 * MaxCatchUpTicks));
        long sent = 0, errors = 0, owed = 0;
        uint sequence = 0;
        int next = 0;
        var datagrams = stream.Datagrams;
        var clock = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed;
            if (elapsed >= duration) break;
            var due = (long)(rate * elapsed.TotalSeconds) - sent - errors - owed;
            if (due <= 0) { Thread.Sleep(1); continue; }
            if (due > maxBurst) { owed += due - maxBurst; due = maxBurst; }
            uint unixSeconds = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            for (var i = 0; i < due; i++)
            {
                var d = datagrams[next];
                next = next + 1 == datagrams.Count ? 0 : next + 1;
                BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(8), unixSeconds);
                BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(12), sequence++);
                socket.Send(d, SocketFlags.None, out var error);
                if (error == SocketError.Success) sent++;
                else errors++;
            }
        }
        return new BlastResult(recordsPerSecond, sent, clock.Elapsed, errors);
    }
}
