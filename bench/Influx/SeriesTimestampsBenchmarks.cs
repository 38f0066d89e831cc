using BenchmarkDotNet.Attributes;
using NetOps.Core.Influx;

namespace NetOps.Bench.Influx;

/// <summary>
/// The writer's unique-timestamp step under a debug flood: N events of one series, all stamped with the same whole
/// second (syslog without fractions). Mean is per point (OperationsPerInvoke = N): it must not grow with N.
/// </summary>
[MemoryDiagnoser]
public class SeriesTimestampsBenchmarks
{
    private const long Second = 1_764_000_000_000_000_000;
    private Point[] _points = [];
    private SeriesTimestamps _timestamps = null!;

    [Params(100_000)]
    public int N { get; set; }

    // One long-lived instance, as the writer has: after the first iterations it is full (Capacity) and forgets the oldest
    // as it goes, which is the steady state of a flood.
    [GlobalSetup]
    public void GlobalSetup() => _timestamps = new SeriesTimestamps(TimeProvider.System);

    [IterationSetup]
    public void Setup()
    {
        _points = new Point[N];
        for (int i = 0; i < N; i++)
            _points[i] = new Point("event", Second).Tag("site", "352012").Tag("device", "352012-rt1").Tag("kind", "generic").Field("message", "debug");
    }

    [Benchmark(OperationsPerInvoke = 100_000)]
    public int OneSeriesOneSecond()
    {
        int moved = 0;
        foreach (var p in _points) if (_timestamps.MakeUnique(p)) moved++;
        return moved;
    }
}
