namespace NetOps.Core.Influx;

/// <summary>
/// The InfluxDB 1.x HTTP API (<c>/write</c>, <c>/query</c>, <c>/ping</c>), also served by 2.x and 3.x through their v1
/// compatibility endpoints. Kept small so that it can be swapped for the official client.
/// </summary>
public interface IInfluxClient
{
    /// <summary>
    /// Posts line protocol (<c>precision=ns</c>) to the configured database. Never throws for a server or network
    /// failure: the result says whether a retry can help. Throws <see cref="OperationCanceledException"/> only for
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default);

    /// <summary>Runs InfluxQL against the configured database (times as ns); throws <see cref="InfluxException"/> on any error.</summary>
    Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default);

    /// <summary>Pings the server (<c>/ping</c>, 204); never throws except for cancellation.</summary>
    Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default);

    /// <summary><c>CREATE DATABASE</c> (a no-op when it exists); throws <see cref="InfluxException"/> on failure.</summary>
    Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default);
}

/// <summary>The result of a ping: reachable or not, the server's version, the error.</summary>
public readonly record struct InfluxPing(bool Ok, string? Version, string? Error);
