using System.Text.Json;
using NetOps.Core.Influx;
using NetOps.Testing;

namespace NetOps.Core.Tests.Influx;

/// <summary>Against one shared influxd; each test uses its own database.</summary>
public sealed class InfluxRoundTripTests(SharedInfluxFixture influx) : IClassFixture<SharedInfluxFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Tricky =
    [
        "plain", "with space", "comma,here", "equals=here", "quote\"here", @"back\slash", @"a\b\\c", @"\start",
        "下関市 リンク断", "emoji 😀,=", "mix , = \" \\x end",
    ];

    [Fact]
    public async Task Points_with_every_tricky_character_read_back_identical()
    {
        var db = influx.NewDatabaseName("roundtrip");
        await using var pipeline = await TestPipeline.StartAsync(influx.Url, db);
        const string measurement = "ev ent,=\"\\x 東京😀";
        var expected = new List<Point>();
        long t0 = Point.ToNanoseconds(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero));
        for (int i = 0; i < Tricky.Length; i++)
        {
            var p = new Point(measurement, t0 + i)
                .Tag("site,key =\"", Tricky[i])
                .Tag("デバイス", Tricky[(i + 1) % Tricky.Length])
                .Field("message, =\"\\x", Tricky[i] + " \"quoted\" C:\\path\\ 改行なし")
                .Field("count", (long)i * 1_000_000_007 - 5)
                .Field("ratio", i / 7.0 + 1e-17)
                .Field("up", i % 2 == 0);
            expected.Add(p);
            await pipeline.Writer.WriteAsync(p, Ct);
        }
        await pipeline.WaitUntilSentAsync(TimeSpan.FromSeconds(20));

        var rows = await pipeline.Client.SelectAllAsync(measurement, Ct);
        Assert.Equal(expected.Count, rows.Count);
        foreach (var p in expected)
        {
            var row = Assert.Single(rows, r => r["time"].GetInt64() == p.TimestampNs);
            foreach (var (key, value) in p.Tags) Assert.Equal(value, row[key].GetString());
            foreach (var (key, value) in p.Fields)
            {
                var actual = row[key];
                switch (value.Type)
                {
                    case FieldType.String: Assert.Equal(value.StringValue, actual.GetString()); break;
                    case FieldType.Integer: Assert.Equal(value.AsInteger, actual.GetInt64()); break;
                    case FieldType.Float: Assert.Equal(value.AsFloat, actual.GetDouble()); break;
                    default: Assert.Equal(value.AsBoolean, actual.GetBoolean()); break;
                }
            }
        }
        Assert.Equal(expected.Count, pipeline.Count("written"));
    }

    [Fact]
    public async Task A_thousand_events_of_one_series_in_the_same_second_are_all_stored()
    {
        var db = influx.NewDatabaseName("unique");
        await using var pipeline = await TestPipeline.StartAsync(influx.Url, db);
        long second = Point.ToNanoseconds(new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero));
        for (int i = 0; i < 1000; i++)
        {
            await pipeline.Writer.WriteAsync(new Point("event", second)
                .Tag("site", "352012").Tag("device", "shimonoseki-rt1").Tag("kind", "link_down")
                .Field("message", "link down " + i), Ct);
        }
        await pipeline.WaitUntilSentAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1000, await pipeline.Client.CountAsync("event", "message", Ct));
        Assert.Equal(1000, await pipeline.Client.CountDistinctAsync("event", "message", Ct));
    }

    [Fact]
    public async Task Replaying_the_same_spool_batch_twice_stores_each_point_once()
    {
        var db = influx.NewDatabaseName("replay");
        string spoolA;
        await using (var offline = await TestPipeline.StartAsync("http://127.0.0.1:1", db))
        {
            spoolA = offline.SpoolDir;
            for (int i = 0; i < 100; i++)
                await offline.Writer.WriteAsync(new Point("event", 1_000_000_000).Tag("kind", "link_down").Field("n", i), Ct);
            await offline.Writer.FlushAsync(Ct);
        }
        var spoolB = Directory.CreateTempSubdirectory("netops-spool-copy-").FullName;
        foreach (var f in Directory.GetFiles(spoolA)) File.Copy(f, Path.Combine(spoolB, Path.GetFileName(f)));
        Assert.NotEmpty(Directory.GetFiles(spoolB));

        await using (var first = await TestPipeline.StartAsync(influx.Url, db, spoolA))
        {
            await first.WaitUntilSentAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(100, first.Count("replayed"));
        }
        await using (var second = await TestPipeline.StartAsync(influx.Url, db, spoolB))
        {
            await second.WaitUntilSentAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(100, second.Count("replayed"));
            Assert.Equal(100, await second.Client.CountAsync("event", "n", Ct));
        }
    }

    [Fact]
    public async Task A_batch_InfluxDB_refuses_is_moved_to_rejected_and_counted_as_dropped()
    {
        var db = influx.NewDatabaseName("rejected");
        await using var pipeline = await TestPipeline.StartAsync(influx.Url, db);
        await pipeline.Writer.WriteAsync(new Point("interface", 1).Tag("site", "352012").Field("in_octets", 1), Ct);
        await pipeline.WaitUntilSentAsync(TimeSpan.FromSeconds(20));

        // A float where InfluxDB already has an integer: a field type conflict, which no retry can fix.
        await pipeline.Writer.WriteAsync(new Point("interface", 2).Tag("site", "352012").Field("in_octets", 1.5), Ct);
        await pipeline.WaitUntilSentAsync(TimeSpan.FromSeconds(20));

        Assert.Single(Directory.GetFiles(pipeline.Writer.RejectedDirectory));
        Assert.Equal(1, pipeline.Count("dropped"));
        Assert.Equal(1, pipeline.Count("written"));
    }

    [Fact]
    public async Task Ping_and_health_report_a_running_server()
    {
        var db = influx.NewDatabaseName("health");
        await using var pipeline = await TestPipeline.StartAsync(influx.Url, db);
        var ping = await pipeline.Client.PingAsync(Ct);
        Assert.True(ping.Ok, ping.Error);
        var health = await new InfluxHealth(pipeline.Client, pipeline.Writer, Microsoft.Extensions.Options.Options.Create(pipeline.Options)).GetStatusAsync(Ct);
        Assert.True(health.Healthy, health.Reason);
    }

    [Fact]
    public async Task A_query_error_names_the_statement()
    {
        var db = influx.NewDatabaseName("query");
        await using var pipeline = await TestPipeline.StartAsync(influx.Url, db);
        var ex = await Assert.ThrowsAsync<InfluxException>(() => pipeline.Client.QueryAsync("SELECT nonsense FROM", Ct));
        Assert.False(ex.IsRetryable);
        _ = JsonSerializer.Serialize(ex.Message);
    }
}
