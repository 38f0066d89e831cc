using System.Collections.Concurrent;
using System.Net;
using NetOps.Core.Influx;

namespace NetOps.Core.Tests.Influx;

/// <summary>An InfluxDB client that answers from a script, then takes everything (for tests of the writer's own logic).</summary>
internal sealed class ScriptedInfluxClient : IInfluxClient
{
    public readonly ConcurrentQueue<Func<InfluxWriteResult>> Script = new();
    public readonly ConcurrentQueue<string> Written = new();

    public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default)
    {
        if (Script.TryDequeue(out var next)) return Task.FromResult(next());
        if (gzip)
        {
            using var lines = new MemoryStream();
            using (var z = new System.IO.Compression.GZipStream(new MemoryStream(body.ToArray()), System.IO.Compression.CompressionMode.Decompress)) z.CopyTo(lines);
            body = lines.ToArray();
        }
        Written.Enqueue(System.Text.Encoding.UTF8.GetString(body.Span));
        return Task.FromResult(new InfluxWriteResult(InfluxWriteOutcome.Written, HttpStatusCode.NoContent, null));
    }

    public Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default) => Task.FromResult(new InfluxPing(true, "scripted", null));
    public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
