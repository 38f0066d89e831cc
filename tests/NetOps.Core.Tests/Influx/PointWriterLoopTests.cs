using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;

namespace NetOps.Core.Tests.Influx;

/// <summary>The writer's batcher and sender carry on past surprises (a scripted client: the logic, not InfluxDB, is under test).</summary>
public sealed class PointWriterLoopTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ScriptedInfluxClient _client = new();
    private readonly NetOpsMetrics _metrics = new();
    private readonly BackgroundLoops _loops;
    private readonly string _spool = Directory.CreateTempSubdirectory("netops-loop-").FullName;
    private readonly PointWriter _writer;

    public PointWriterLoopTests()
    {
        _loops = new BackgroundLoops(_metrics);
        var options = new InfluxOptions { Url = "http://127.0.0.1:9", Database = "loops", FlushIntervalMs = 20, SpoolDir = _spool, CreateDatabase = false, Gzip = false };
        _writer = new PointWriter(Options.Create(options), Options.Create(new NetOpsOptions()), _client, _metrics, loops: _loops);
    }

    public async ValueTask InitializeAsync() => await _writer.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        Directory.Delete(_spool, true);
    }

    private static Point Event(int i) => new Point("event", 1_700_000_000_000_000_000L + i).Tag("site", "352012").Field("seq", i);

    private BackgroundLoop Sender => _loops.Register("influx", "sender");

    [Fact]
    public async Task An_unexpected_exception_from_the_client_is_counted_and_the_sender_carries_on()
    {
        _client.Script.Enqueue(() => throw new InvalidOperationException("a bug in the client"));
        await _writer.WriteAsync(Event(1), Ct);

        // The sender's own pass ends after the client returns: wait for its last step, not the client's.
        await WaitUntilAsync(() => _metrics.InfluxPoints.WithLabels("written").Value == 1 && Sender.Problem is null);
        Assert.Contains("seq=1i", _client.Written.Single());
        Assert.Equal(1, Sender.Failures);
        Assert.False(Sender.Exited);
        Assert.Null(Sender.Problem); // healthy again once a pass succeeded
        Assert.Equal(1, _metrics.InfluxPoints.WithLabels("written").Value);
    }

    [Fact]
    public async Task A_refused_batch_that_cannot_be_moved_to_rejected_is_kept_in_the_spool_and_later_batches_still_go()
    {
        File.WriteAllText(_writer.RejectedDirectory, "a file where the rejected/ folder should be");
        _client.Script.Enqueue(() => new InfluxWriteResult(InfluxWriteOutcome.Permanent, HttpStatusCode.BadRequest, "field type conflict"));
        await _writer.WriteAsync(Event(1), Ct);
        await WaitUntilAsync(() => _metrics.InfluxPoints.WithLabels("dropped").Value == 1);

        await _writer.WriteAsync(Event(2), Ct);
        await WaitUntilAsync(() => _client.Written.Count == 1);
        Assert.Contains("seq=2i", _client.Written.Single());
        var kept = Assert.Single(Directory.GetFiles(_spool, "*.lp"));
        Assert.Contains("seq=1i", File.ReadAllText(kept));
        Assert.False(Sender.Exited);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(20, cts.Token);
    }
}
