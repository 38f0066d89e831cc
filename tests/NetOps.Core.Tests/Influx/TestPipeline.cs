using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;

namespace NetOps.Core.Tests.Influx;

/// <summary>A PointWriter with its own client, metrics and spool directory, for tests against a real influxd.</summary>
internal sealed class TestPipeline : IAsyncDisposable
{
    private readonly HttpClient _http;

    private TestPipeline(InfluxOptions options)
    {
        Options = options;
        _http = new HttpClient();
        Client = new InfluxHttpClient(_http, Microsoft.Extensions.Options.Options.Create(options));
        Metrics = new NetOpsMetrics();
        Writer = new PointWriter(Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Options.Options.Create(new NetOpsOptions()), Client, Metrics);
    }

    public InfluxOptions Options { get; }
    public InfluxHttpClient Client { get; }
    public NetOpsMetrics Metrics { get; }
    public PointWriter Writer { get; }
    public string SpoolDir => Writer.SpoolDirectory;

    public static async Task<TestPipeline> StartAsync(string url, string database, string? spoolDir = null, Action<InfluxOptions>? configure = null)
    {
        var options = new InfluxOptions
        {
            Url = url,
            Database = database,
            BatchSize = 1000,
            FlushIntervalMs = 50,
            TimeoutMs = 5000,
            SpoolDir = spoolDir ?? Directory.CreateTempSubdirectory("netops-spool-").FullName,
        };
        configure?.Invoke(options);
        var pipeline = new TestPipeline(options);
        await pipeline.Writer.StartAsync(CancellationToken.None);
        return pipeline;
    }

    public double Count(string outcome) => Metrics.InfluxPoints.WithLabels(outcome).Value;

    public async Task WaitUntilSentAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Writer.WaitUntilSentAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"points not in InfluxDB after {timeout}: {Writer.GetSpoolState()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        _http.Dispose();
    }
}
