using System.Text;
using System.Text.Json;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Ui.Board;

namespace NetOps.Dashboard.Tests.Ui.Board;

/// <summary>
/// The site page's reading of InfluxDB answers, as the real client returns them (times in epoch nanoseconds: the
/// client asks with epoch=ns; the first version parsed only RFC 3339 strings and drew every chart empty).
/// </summary>
public sealed class SiteHistoryTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private sealed class Canned(string json) : IInfluxClient
    {
        public string? Query { get; private set; }
        public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default)
        {
            Query = influxQl;
            return Task.FromResult(InfluxHttpClient.ParseQueryResult(JsonDocument.Parse(json).RootElement));
        }
        public Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private static long Ns(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks * 100;

    private static string Series(string name, string tagKey, string tagValue, string column, params (DateTimeOffset T, double V)[] values) =>
        $$"""{"name":"{{name}}","tags":{"{{tagKey}}":"{{tagValue}}"},"columns":["time","{{column}}"],"values":[{{string.Join(",", values.Select(v => $"[{Ns(v.T)},{v.V}]"))}}]}""";

    private static string Answer(params string[] statements) =>
        "{\"results\":[" + string.Join(",", statements.Select((s, i) => $"{{\"statement_id\":{i}{(s.Length > 0 ? ",\"series\":[" + s + "]" : "")}}}")) + "]}";

    [Fact]
    public async Task Line_traffic_from_snmp_counters_is_in_bits_per_second_per_line()
    {
        var step = SiteHistory.StepFor(TimeSpan.FromHours(1)); // 30 s
        var json = Answer(
            Series("interface", "line", "primary", "octets", (From, 3_000_000), (From.Add(step), 0)) + "," +
            Series("interface", "line", "backup", "octets", (From, 0), (From.Add(step), 1_500_000)),
            "", "", "", "");
        var history = new SiteHistory(new Canned(json), DemoInventory.Generate());

        var data = await history.LoadAsync("202011", From, From.AddHours(1), TestContext.Current.CancellationToken);

        Assert.Equal("snmp", data.LinesSource);
        Assert.Equal(TimeSpan.FromSeconds(30), data.Lines.Step);
        var primary = data.Lines.Series.Single(s => s.Key == "primary").Values;
        var backup = data.Lines.Series.Single(s => s.Key == "backup").Values;
        Assert.Equal(3_000_000 * 8 / 30.0, primary[0]);
        Assert.Equal(1_500_000 * 8 / 30.0, backup[1]);
        Assert.Equal(0, primary[1]);
    }

    [Fact]
    public async Task Without_counters_the_flow_bytes_of_each_lines_router_stand_in()
    {
        var json = Answer("",
            Series("flow", "exporter", "202011-rt2", "bytes", (From, 600)),
            Series("firewall", "action", "deny", "n", (From, 7)),
            """{"name":"event","columns":["time","message","kind","device","severity","line"],"values":[[1796256000000000000,"Interface Gi0/0 down","link_down","202011-rt1","error","primary"]]}""",
            "");
        var history = new SiteHistory(new Canned(json), DemoInventory.Generate());

        var data = await history.LoadAsync("202011", From, From.AddHours(1), TestContext.Current.CancellationToken);

        Assert.Equal("flow", data.LinesSource);
        Assert.Equal(600 * 8 / 30.0, data.Lines.Series.Single(s => s.Key == "backup").Values[0]);
        Assert.Equal(7, data.Firewall.Series.Single(s => s.Key == "deny").Values[0]);
        var e = Assert.Single(data.Events);
        Assert.Equal(("link_down", "202011-rt1", "primary"), (e.Kind, e.Device, e.Line));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796256000), e.Time);
    }

    [Fact]
    public async Task The_site_code_is_quoted_in_the_query()
    {
        var canned = new Canned(Answer("", "", "", "", ""));
        await new SiteHistory(canned, DemoInventory.Generate()).LoadAsync("20'2011", From, From.AddHours(1), TestContext.Current.CancellationToken);
        Assert.Contains("\"site\" = '20\\'2011'", canned.Query);
    }

    [Fact]
    public async Task Each_interfaces_latest_poll_becomes_a_row_with_rates_over_its_interval_utilisation_and_errors()
    {
        const string columns = "[\"time\",\"alias\",\"elapsed_s\",\"in_errors\",\"in_octets\",\"line\",\"oper_up\",\"out_errors\",\"out_octets\",\"site\",\"speed_mbps\"]";
        long t = Ns(From.AddMinutes(59));
        var json = Answer("", "", "", "", "",
            // the order InfluxDB answers in (by tag values), which is not the order a person reads: primary line first
            $$"""{"name":"interface","tags":{"device":"202011-rt1","ifname":"Gi0/2"},"columns":{{columns}},"values":[[{{t}},null,60,0,600000,"none",1,0,300000,"202011",1000]]}""" + "," +
            $$"""{"name":"interface","tags":{"device":"202011-rt1","ifname":"Gi0/0"},"columns":{{columns}},"values":[[{{t}},"LGWAN primary",60,3,750000000,"primary",1,2,75000000,"202011",100]]}""" + "," +
            // a first poll: state and speed, no increments yet
            $$"""{"name":"interface","tags":{"device":"202011-rt2","ifname":"LAN2"},"columns":{{columns}},"values":[[{{t}},null,null,null,null,"backup",0,null,null,"202011",100]]}""");
        var canned = new Canned(json);

        var data = await new SiteHistory(canned, DemoInventory.Generate()).LoadAsync("202011", From, From.AddHours(1), TestContext.Current.CancellationToken);

        Assert.Contains("GROUP BY \"device\", \"ifname\" ORDER BY time DESC LIMIT 1", canned.Query);
        Assert.Equal(["202011-rt1 Gi0/0", "202011-rt1 Gi0/2", "202011-rt2 LAN2"], data.Interfaces.Select(i => $"{i.Device} {i.IfName}"));
        var wan = data.Interfaces[0];
        Assert.Equal(("primary", "LGWAN primary", true), (wan.Line, wan.Alias, wan.OperUp));
        Assert.Equal(100_000_000, wan.InBitsPerSecond);   // 750 MB in 60 s
        Assert.Equal(10_000_000, wan.OutBitsPerSecond);
        Assert.Equal(1.0, wan.Utilisation);               // 100 Mbit/s of a 100 Mbit/s line
        Assert.Equal(5, wan.Errors);
        Assert.Equal(From.AddMinutes(59), wan.Time);
        Assert.Equal(0, data.Interfaces[1].Errors);
        var first = data.Interfaces[2];
        Assert.Equal((false, (double?)null, (double?)null, (double?)null, (double?)null), (first.OperUp, first.InBitsPerSecond, first.OutBitsPerSecond, first.Utilisation, first.Errors));
    }
}
