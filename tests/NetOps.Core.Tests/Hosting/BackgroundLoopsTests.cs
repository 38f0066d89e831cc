using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetOps.Core.Hosting;
using NetOps.Core.Metrics;

namespace NetOps.Core.Tests.Hosting;

public sealed class BackgroundLoopsTests
{
    private readonly NetOpsMetrics _metrics = new();
    private readonly BackgroundLoops _loops;

    public BackgroundLoopsTests() => _loops = new BackgroundLoops(_metrics);

    private Task<HealthCheckResult> HealthAsync() =>
        new BackgroundLoopsHealthCheck(_loops).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task A_loop_that_dies_while_the_process_runs_turns_health_unhealthy_naming_its_part()
    {
        var flush = _loops.Register("syslog", "window flush");
        _loops.Register("influx", "sender");
        await flush.RunAsync(() => throw new InvalidOperationException("device name ends in a backslash"));

        var health = await HealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("syslog: window flush is not running (InvalidOperationException: device name ends in a backslash)", health.Description);
        Assert.Equal(1, flush.Failures);
    }

    [Fact]
    public async Task A_loop_that_ends_when_asked_to_stop_is_not_a_problem()
    {
        var loop = _loops.Register("flows", "window flush");
        loop.Stopping();
        await loop.RunAsync(() => Task.FromCanceled(new CancellationToken(true)));
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
    }

    [Fact]
    public async Task A_failing_pass_is_counted_and_unhealthy_until_a_pass_succeeds()
    {
        var loop = _loops.Register("influx", "batcher");
        loop.Failed(new IOException("disk full"));
        loop.Failed(new IOException("disk full"));
        var health = await HealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("influx: batcher is failing (IOException: disk full)", health.Description);
        Assert.Contains("netops_loop_failures_total{part=\"influx\",loop=\"batcher\"} 2", await ScrapeAsync());

        loop.Succeeded();
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
        Assert.Equal(2, loop.Failures); // totals since start, never reset
    }

    private async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
