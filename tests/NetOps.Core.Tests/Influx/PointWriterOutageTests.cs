using NetOps.Core.Influx;
using NetOps.Testing;

namespace NetOps.Core.Tests.Influx;

/// <summary>Each test runs its own influxd, because it stops or never starts it.</summary>
public sealed class PointWriterOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Point Sample(int i, long baseNs) =>
        // 1,000 points share each second, so unique timestamps are exercised as well.
        new Point("interface", baseNs + i / 1000 * 1_000_000_000L)
            .Tag("site", "352012").Tag("device", "rt" + (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Field("seq", i).Field("in_octets", 1_000_000L + i);

    [Fact]
    public async Task Every_point_arrives_exactly_once_when_InfluxDB_stops_and_restarts_mid_stream()
    {
        await using var server = await InfluxServer.StartNewAsync(Ct);
        await using var pipeline = await TestPipeline.StartAsync(server.Url, "outage", configure: o => { o.BatchSize = 5000; o.FlushIntervalMs = 100; });
        long baseNs = Point.ToNanoseconds(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));
        const int total = 100_000;

        var writing = Task.Run(async () =>
        {
            for (int i = 0; i < total; i++)
            {
                await pipeline.Writer.WriteAsync(Sample(i, baseNs), Ct);
                if (i % 5000 == 4999) await Task.Delay(150, Ct);
            }
        }, Ct);
        await Task.Delay(800, Ct);
        await server.StopAsync();
        await Task.Delay(2500, Ct);
        await server.StartAsync(Ct);
        await writing;
        await pipeline.WaitUntilSentAsync(TimeSpan.FromSeconds(45));

        Assert.Equal(total, await pipeline.Client.CountAsync("interface", "seq", Ct));
        Assert.Equal(total, await pipeline.Client.CountDistinctAsync("interface", "seq", Ct));
        Assert.True(pipeline.Count("spooled") > 0, "some batches waited on disk during the outage");
        Assert.Equal(total, pipeline.Count("written"));
        Assert.Equal(0, pipeline.Count("dropped"));
    }

    [Fact]
    public async Task Points_spooled_while_InfluxDB_is_down_are_replayed_by_the_next_writer()
    {
        await using var server = InfluxServer.Create();
        string spool;
        await using (var first = await TestPipeline.StartAsync(server.Url, "spool"))
        {
            spool = first.SpoolDir;
            for (int i = 0; i < 1000; i++) await first.Writer.WriteAsync(Sample(i, 0), Ct);
            await first.Writer.FlushAsync(Ct);
        }
        Assert.NotEmpty(Directory.GetFiles(spool, "*.lp*"));

        await server.StartAsync(Ct);
        await using var second = await TestPipeline.StartAsync(server.Url, "spool", spool);
        await second.WaitUntilSentAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1000, await second.Client.CountAsync("interface", "seq", Ct));
        Assert.Equal(1000, second.Count("replayed"));
        Assert.Empty(Directory.GetFiles(spool, "*.lp*"));
    }

    [Fact]
    public async Task A_full_spool_makes_TryWrite_refuse_and_loses_nothing_already_accepted()
    {
        await using var server = InfluxServer.Create();
        await using var pipeline = await TestPipeline.StartAsync(server.Url, "full", configure: o =>
        {
            o.SpoolMaxBytes = 8 * 1024; o.BatchSize = 50; o.FlushIntervalMs = 10; o.QueueCapacity = 200; o.Gzip = false;
        });

        int accepted = 0, refusedInARow = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (refusedInARow < 50 && DateTime.UtcNow < deadline)
        {
            if (pipeline.Writer.TryWrite(Sample(accepted, 0))) { accepted++; refusedInARow = 0; }
            else { refusedInARow++; await Task.Delay(10, Ct); }
        }
        Assert.Equal(50, refusedInARow);
        var state = pipeline.Writer.GetSpoolState();
        Assert.True(state.Bytes > 0 && state.QueuedPoints == 200, state.ToString());

        await server.StartAsync(Ct);
        await pipeline.WaitUntilSentAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(accepted, await pipeline.Client.CountAsync("interface", "seq", Ct));
        Assert.Equal(accepted, await pipeline.Client.CountDistinctAsync("interface", "seq", Ct));
    }
}
