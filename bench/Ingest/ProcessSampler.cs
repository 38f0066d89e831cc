namespace NetOps.Bench.Ingest;

/// <summary>Samples a peer's resident memory every 200 ms and its CPU time at start and stop.</summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly ChildProcess _process;
    private readonly TimeSpan _cpuAtStart;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxRss;

    private ProcessSampler(ChildProcess process)
    {
        _process = process;
        _cpuAtStart = process.CpuTime() ?? TimeSpan.Zero;
        _loop = LoopAsync(_stop.Token);
    }

    public static ProcessSampler Start(ChildProcess process) => new(process);

    /// <summary>Stops sampling; call while the process still runs (VmHWM and CPU time go with it).</summary>
    public async Task<ProcessUsage> StopAsync()
    {
        Sample();
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        var cpu = (_process.CpuTime() ?? _cpuAtStart) - _cpuAtStart;
        var hwm = ProcStatus.ReadKilobytes(_process.Id, "VmHWM") * 1024;
        return new ProcessUsage(hwm, Interlocked.Read(ref _maxRss), cpu);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(cancellationToken)) Sample();
    }

    private void Sample()
    {
        var rss = ProcStatus.ReadKilobytes(_process.Id, "VmRSS") * 1024;
        long seen;
        while (rss > (seen = Interlocked.Read(ref _maxRss)) && Interlocked.CompareExchange(ref _maxRss, rss, seen) != seen) { }
    }
}
