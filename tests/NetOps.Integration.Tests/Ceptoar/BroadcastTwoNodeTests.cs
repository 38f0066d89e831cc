using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Core.State;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Ceptoar;

/// <summary>
/// Two broadcast nodes on one PostgreSQL state DB, both working through one advisory's outbox to a real SMTP server;
/// one is SIGKILLed mid-broadcast while it holds claimed rows. The survivor takes them over once their lease ends, and
/// every recipient gets its mail: never two with different Message-IDs, and a second copy (same Message-ID) only from
/// the killed node's window between the server's 250 and the row update, at most one per connection it had.
/// (The whole directory of 1,788 bodies is <see cref="BroadcastKillNineTests"/>; a few prefectures keep this one short.)
/// </summary>
public sealed class BroadcastTwoNodeTests(SharedPostgresFixture postgres, ITestOutputHelper output) : IClassFixture<SharedPostgresFixture>
{
    private const int Connections = 4;
    private const int LeaseSeconds = 3;
    private const int KillAfterMails = 60;
    private const int BatchSize = 20;
    private const int MinHeldAtKill = BatchSize / 2;
    // 東京都 and its neighbours, every body: about 290 contacts.
    private static readonly string[] Prefectures = ["08", "09", "11", "12", "13", "14"];

    [Fact]
    public async Task Two_nodes_share_a_broadcast_and_when_one_is_SIGKILLed_mid_run_the_survivor_delivers_to_every_recipient()
    {
        var clock = Stopwatch.StartNew();
        var dir = Directory.CreateTempSubdirectory("netops-broadcast-2n-").FullName;
        try
        {
            await using var influx = await InfluxServer.StartNewAsync();
            await using var smtp = await SmtpSink.StartAsync(Path.Combine(dir, "mail"));
            var signing = TestCertificates.SigningPem(Path.Combine(dir, "pki"), DateTimeOffset.UtcNow.AddYears(1));
            var connection = await postgres.CreateDatabaseAsync("broadcast");
            string[] stateDb = ["--StateDb:Provider=postgres", $"--StateDb:ConnectionString={connection}"];
            // Small batches at a bounded rate per node keep both nodes holding claims for the whole run, so the kill
            // always finds rows in hand; the short lease lets the survivor take them over within seconds.
            string[] args =
            [
                "--Roles=broadcast,dashboard", "--Collector:Syslog:Port=0", .. stateDb,
                // Acknowledgement links in a mail from either node must verify on both.
                "--Links:Secret=two-node-broadcast-test-links-secret-0123456789",
                .. AdvisoryDeliveryTests.SmtpArgs(smtp.Port), .. AdvisoryDeliveryTests.SigningArgs(signing),
                "--Ceptoar:Delivery:MessagesPerSecond=40", $"--Ceptoar:Delivery:BatchSize={BatchSize}",
                $"--Ceptoar:Delivery:LeaseSeconds={LeaseSeconds}", $"--Ceptoar:Delivery:Connections={Connections}",
            ];
            var a = Path.Combine(dir, "a");
            var b = Path.Combine(dir, "b");
            // The first node migrates and seeds the empty database; the second and the users come after it, together.
            await using var nodeA = await NetOpsProcess.StartAsync(influx.Url, a, null, args);
            var startB = NetOpsProcess.StartAsync(influx.Url, b, null, args);
            var publisherToken = NetOpsCli.UserWithTokenAsync(a, "pub1", "publisher", extra: stateDb);
            var approverToken = NetOpsCli.UserWithTokenAsync(a, "appr1", "approver", extra: stateDb);
            await using var nodeB = await startB;
            var publisher = await publisherToken;
            var approver = await approverToken;
            var started = clock.Elapsed;

            var bodies = BodyDirectory.Shipped.Bodies.Where(x => Prefectures.Contains(x.PrefectureCode)).ToList();
            var expected = bodies.Select(x => $"joho@b{x.Code}.example.jp").Order(StringComparer.Ordinal).ToList();
            var csv = new StringBuilder("code,address,role\n");
            foreach (var x in bodies) csv.Append(CultureInfo.InvariantCulture, $"{x.Code},joho@b{x.Code}.example.jp,情報政策課\n");
            using var http = new HttpClient { BaseAddress = nodeA.BaseUri };
            http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
            using (var import = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")))
                Assert.Equal(HttpStatusCode.OK, import.StatusCode);
            using var created = await http.PostAsJsonAsync("api/v1/advisories", new
            {
                title = "関東各都県への注意喚起", body = "本文です。", severity = "warning", tlp = "clear", source = "NISC", recipients = Prefectures,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            long id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", approver);
            using (var approved = await http.PostAsync($"api/v1/advisories/{id}/approve", null)) Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
            // The look at the outbox below must take milliseconds, not an EF Core model build.
            var states = new StateDbContextFactory(new StateDbConnection(StateDbProvider.Postgres, connection));
            Assert.Equal(0, await HeldAsync(states, id, nodeA));
            using (var send = await http.PostAsJsonAsync($"api/v1/advisories/{id}/send", new { })) Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);

            // Once some mails have arrived, SIGKILL a node that holds claimed rows not sent yet (half a batch, so that
            // they cannot all be sent between this look and the kill).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (smtp.Count < KillAfterMails && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.True(smtp.Count >= KillAfterMails, $"only {smtp.Count} mails within 30 s of the send");
            NetOpsProcess? victim = null;
            while (victim is null && DateTime.UtcNow < deadline)
            {
                foreach (var node in new[] { nodeA, nodeB })
                    if (await HeldAsync(states, id, node) >= MinHeldAtKill) { victim = node; break; }
                if (victim is null) await Task.Delay(5);
            }
            if (victim is null)
            {
                await using var db = states.CreateDbContext();
                var rows = await db.AdvisoryOutbox.Where(o => o.AdvisoryId == id).GroupBy(o => new { o.State, o.ClaimedBy }).Select(g => new { g.Key.State, g.Key.ClaimedBy, N = g.Count() }).ToListAsync();
                Assert.Fail($"neither node (pids {nodeA.ProcessId}, {nodeB.ProcessId} on {Environment.MachineName}) held {MinHeldAtKill} claimed rows once the mails were arriving; "
                    + $"{smtp.Count} mails; rows: {string.Join("; ", rows.Select(r => $"{r.State} {r.ClaimedBy} {r.N}"))}");
            }
            victim.Kill9();
            int atKill = smtp.Count;
            var survivor = victim == nodeA ? nodeB : nodeA;
            double survivorSentBefore = await survivor.MetricAsync("netops_ceptoar_mails_total", ("outcome", "sent"));
            // The killed node's claim stays on its rows until the lease ends and the survivor claims them.
            int heldAtKill = await HeldAsync(states, id, victim);
            Assert.InRange(atKill, KillAfterMails, bodies.Count - 1);
            Assert.True(heldAtKill > 0, "the killed node held no rows: the kill tested no takeover");

            using var after = new HttpClient { BaseAddress = survivor.BaseUri };
            after.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
            JsonNode report;
            try { report = await AdvisoryDeliveryTests.WaitDeliveredAsync(after, id, TimeSpan.FromSeconds(45)); }
            catch (TimeoutException e)
            {
                var log = survivor.Output;
                throw new TimeoutException($"{e.Message[..Math.Min(e.Message.Length, 300)]}\nsurvivor output (end):\n{log[Math.Max(0, log.Length - 6000)..]}", e);
            }
            var delivered = clock.Elapsed;
            Assert.Equal((bodies.Count, bodies.Count, 0, 0), (report["total"]!.GetValue<int>(), report["sent"]!.GetValue<int>(),
                report["failed"]!.GetValue<int>(), report["pending"]!.GetValue<int>()));
            Assert.Equal(Prefectures.Order(StringComparer.Ordinal), report["prefectures"]!.AsArray().Select(p => p!["prefecture"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.All(report["prefectures"]!.AsArray(), p => Assert.Equal(p!["total"]!.GetValue<int>(), p["sent"]!.GetValue<int>()));

            var mails = smtp.Messages().Where(m => (m.Message.MessageId ?? "").StartsWith($"advisory-{id}.", StringComparison.Ordinal)).ToList();
            var perRecipient = mails.GroupBy(m => m.EnvelopeTo).ToList();
            int secondCopies = mails.Count - perRecipient.Count;
            double survivorSent = await survivor.MetricAsync("netops_ceptoar_mails_total", ("outcome", "sent"));
            output.WriteLine($"{bodies.Count} contacts in {Prefectures.Length} prefectures; hosts up and users made in {started.TotalSeconds:F1} s; "
                + $"SIGKILL of node {(victim == nodeA ? "A" : "B")} after {atKill} mails (the survivor had sent {survivorSentBefore}), holding {heldAtKill} rows; "
                + $"all sent {delivered.TotalSeconds:F1} s after the test began, the survivor having sent {survivorSent} in all; "
                + $"{mails.Count} mails for {perRecipient.Count} recipients, {secondCopies} second copies "
                + $"({string.Join(", ", perRecipient.Where(g => g.Count() > 1).Select(g => g.Key))})");

            // Every contact got its mail, with its one stable Message-ID.
            Assert.Equal(expected, perRecipient.Select(g => g.Key).Order(StringComparer.Ordinal));
            Assert.All(perRecipient, g => Assert.Equal([MessageIds.For(id, g.Key)], g.Select(m => m.Message.MessageId).Distinct()));
            // The window between the server's 250 and the row update: at most one message per connection of the killed node.
            Assert.InRange(secondCopies, 0, Connections);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>The advisory's rows that <paramref name="node"/>'s sender has claimed and not sent (its node name is <c>machine:pid</c>).</summary>
    private static async Task<int> HeldAsync(StateDbContextFactory states, long id, NetOpsProcess node)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{node.ProcessId}/");
        await using var db = states.CreateDbContext();
        return await db.AdvisoryOutbox.CountAsync(o => o.AdvisoryId == id && o.State == OutboxStates.Pending && o.ClaimedBy != null && o.ClaimedBy.StartsWith(prefix));
    }
}
