using NetOps.Core.Detections;
using NetOps.Core.State;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;
using static NetOps.Integration.Tests.Alerting.AlertingFixture;

namespace NetOps.Integration.Tests.Alerting;

/// <summary>
/// Two alerting nodes on one PostgreSQL state DB, as production runs them: a burst pages once per group and step
/// however the nodes race, and when one node is SIGKILLed between the steps the other sends level 2, once.
/// </summary>
public sealed class TwoNodeTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private const double StepMinutes = 0.25;

    [Fact]
    public async Task Two_nodes_page_each_group_and_step_once_and_the_survivor_sends_level_2()
    {
        var dir = Directory.CreateTempSubdirectory("netops-alert-2n-").FullName;
        try
        {
            await using var influx = await InfluxServer.StartNewAsync();
            await using var smtp = await SmtpSink.StartAsync(Path.Combine(dir, "mail"));
            var connection = await postgres.CreateDatabaseAsync("alerting");
            string[] stateDb = ["--StateDb:Provider=postgres", $"--StateDb:ConnectionString={connection}"];
            string[] args = ["--Roles=alerting,dashboard", "--Collector:Syslog:Port=0", $"--Inventory:Path={WriteInventory(dir)}", "--Smtp:Host=127.0.0.1",
                $"--Smtp:Port={smtp.Port}", .. stateDb, .. OnCallArgs(StepMinutes)];
            var a = Path.Combine(dir, "a");
            var b = Path.Combine(dir, "b");
            await using var nodeA = await NetOpsProcess.StartAsync(influx.Url, a, null, args);
            await using var nodeB = await NetOpsProcess.StartAsync(influx.Url, b, null, args);
            await AddUserAsync(a, "oncall1", "oncall", "oncall1@noc.example.jp", stateDb);
            await AddUserAsync(a, "oncall2", "oncall", "oncall2@noc.example.jp", stateDb);

            var t0 = DateTimeOffset.UtcNow;
            await StoreDetectionsAsync(new StateDbConnection(StateDbProvider.Postgres, connection),
                Tokyo.Select(m => Detection(m.Code, DetectionKind.PortScan, t0.AddSeconds(-5), "scan"))
                    .Concat(Kanagawa.Select(m => Detection(m.Code, DetectionKind.PortScan, t0.AddSeconds(-5), "scan"))));
            await WaitMailsAsync(smtp, m => m.Count >= 2, TimeSpan.FromSeconds(30), "level 1");
            await Task.Delay(3000); // both nodes have run several passes since
            var first = smtp.Messages();
            Assert.Equal(2, first.Count);
            Assert.All(first, m => Assert.Equal("oncall1@noc.example.jp", m.EnvelopeTo));

            nodeA.Kill9();
            var all = await WaitMailsAsync(smtp, m => m.Count >= 4, TimeSpan.FromSeconds(StepMinutes * 60 + 30), "level 2 from the survivor");
            await Task.Delay(3000);
            all = [.. smtp.Messages()];
            Assert.Equal(4, all.Count);
            Assert.Equal(2, all.Count(m => m.To == "oncall2@noc.example.jp"));
            Assert.Equal(4, all.Select(m => m.Message.MessageId).Distinct().Count());
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
