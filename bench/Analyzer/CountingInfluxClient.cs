using NetOps.Core.Influx;

namespace NetOps.Bench.Analyzer;

/// <summary>
/// The real <see cref="IInfluxClient"/> with its requests counted: queries (one HTTP request each, however many
/// statements it carries), rows returned, and the time spent waiting for InfluxDB and parsing its answer.
/// </summary>
public sealed class CountingInfluxClient(IInfluxClient inner) : IInfluxClient
{
    private long _queries, _statements, _rows, _queryTicks, _writes;

    public InfluxCounts Snapshot() => new(Interlocked.Read(ref _queries), Interlocked.Read(ref _statements), Interlocked.Read(ref _rows),
        TimeSpan.FromTicks(Interlocked.Read(ref _queryTicks)), Interlocked.Read(ref _writes));

    public async Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await inner.QueryAsync(influxQl, cancellationToken).ConfigureAwait(false);
            long rows = 0;
            foreach (var s in result.Series) rows += s.Values.Count;
            Interlocked.Add(ref _statements, result.Statements.Count);
            Interlocked.Add(ref _rows, rows);
            return result;
        }
        finally
        {
            Interlocked.Increment(ref _queries);
            Interlocked.Add(ref _queryTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteAsync(body, gzip, cancellationToken);
    }

    public Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) => inner.CreateDatabaseAsync(database, cancellationToken);
}

/// <summary>What a <see cref="CountingInfluxClient"/> counted so far; subtract two to get one step's share.</summary>
public readonly record struct InfluxCounts(long Queries, long Statements, long Rows, TimeSpan QueryTime, long Writes)
{
    public static InfluxCounts operator -(InfluxCounts a, InfluxCounts b) =>
        new(a.Queries - b.Queries, a.Statements - b.Statements, a.Rows - b.Rows, a.QueryTime - b.QueryTime, a.Writes - b.Writes);
}
