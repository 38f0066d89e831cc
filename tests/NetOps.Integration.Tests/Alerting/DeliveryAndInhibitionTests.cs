using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetOps.Core.Detections;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;
using static NetOps.Integration.Tests.Alerting.AlertingFixture;

namespace NetOps.Integration.Tests.Alerting;

/// <summary>
/// Pages the SMTP server defers (451, then accepted: delivered once) or refuses (550: recorded on the alert, counted on
/// /metrics, never silently dropped), and inhibition along the LGWAN tree: a prefecture node that is down, or in a
/// maintenance window, holds its municipalities' line alerts under it and releases them when it recovers.
/// </summary>
public sealed class DeliveryAndInhibitionTests : IAsyncLifetime
{
    private const string Greylisted = "greylisted@noc.example.jp";
    private const string Gone = "gone@noc.example.jp";
    private InfluxServer _influx = null!;
    private SmtpSink _smtp = null!;
    private NetOpsProcess _netops = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-alert-delivery-").FullName;
    private string DataDir => Path.Combine(_dir, "data");

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _smtp = await SmtpSink.StartAsync(Path.Combine(_dir, "mail"), new Dictionary<string, string> { [Gone] = "550 5.1.1 <gone@noc.example.jp>: Recipient address rejected: User unknown" }, [Greylisted]);
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null,
            [$"--Inventory:Path={WriteInventory(_dir)}", "--Smtp:Host=127.0.0.1", $"--Smtp:Port={_smtp.Port}", .. OnCallArgs(5),
             // A configured rule beside the tree's: a node-down alert from Prometheus holds its prefecture's interface alerts.
             "--Alerting:Inhibit:0:SourceMatchers:0=alertname=\"LgwanNodeDown\"", "--Alerting:Inhibit:0:SourceMatchers:1=severity=~\"critical|major\"",
             "--Alerting:Inhibit:0:TargetMatchers:0=alertname=~\"LgwanInterface.*\"", "--Alerting:Inhibit:0:Equal:0=prefecture"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _smtp.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_deferred_page_is_delivered_once_and_a_refused_one_is_recorded_on_its_alert()
    {
        await AddUserAsync(DataDir, "greylisted", "oncall", Greylisted);
        await AddUserAsync(DataDir, "gone", "oncall", Gone);
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "op1", "operator"));
        var now = DateTimeOffset.UtcNow;
        await StoreDetectionsAsync(DataDir,
        [
            Detection(Tokyo[0].Code, DetectionKind.BruteForce, now.AddSeconds(-5), "40 failed logins for admin from 203.0.113.5"),
            Detection(Tokyo[1].Code, DetectionKind.DenySurge, now.AddSeconds(-5), "firewall denies 12x the baseline"),
        ]);

        var mails = await WaitMailsAsync(_smtp, m => m.Any(x => x.To == Greylisted), TimeSpan.FromSeconds(30), "the deferred page");
        var alerts = await WaitAlertsAsync(http, a => a.Any(x => x!["lastMailError"]?.GetValue<string>() is { } e && e.Contains("550", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20), "the refused page recorded on its alert");
        var refused = alerts.Single(a => a!["kind"]!.GetValue<string>() == "deny_surge")!;
        Assert.Contains(Gone, refused["lastMailError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("User unknown", refused["lastMailError"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(2000);
        mails = [.. _smtp.Messages()];
        Assert.Single(mails, m => m.To == Greylisted);
        Assert.DoesNotContain(mails, m => m.To == Gone);
        Assert.Contains("ブルートフォース", mails.Single().Message.Subject, StringComparison.Ordinal);
        Assert.True(await _netops.MetricAsync("netops_alert_pages_total", ("outcome", "retried")) >= 1);
        Assert.Equal(1, await _netops.MetricAsync("netops_alert_pages_total", ("outcome", "sent")));
        Assert.Equal(1, await _netops.MetricAsync("netops_alert_pages_total", ("outcome", "failed")));

        var detail = (await http.GetFromJsonAsync<JsonObject>($"api/v1/alerts/{refused["id"]}"))!;
        var pages = detail["pages"]!.AsArray();
        Assert.Equal("failed", pages.Single()!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_prefecture_node_down_or_in_maintenance_holds_its_municipalities_line_alerts_until_it_recovers()
    {
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "op1", "operator"));
        var t = DateTimeOffset.UtcNow.AddSeconds(-30);
        await StoreDetectionsAsync(DataDir,
        [
            Detection(KanagawaNode, DetectionKind.Outage, t, "the prefecture node went silent"),
            Detection(Kanagawa[0].Code, DetectionKind.FailoverStarted, t.AddSeconds(2), "primary line down"),
            Detection(Tokyo[0].Code, DetectionKind.FailoverStarted, t.AddSeconds(2), "primary line down"),
        ]);
        var alerts = await WaitAlertsAsync(http, a => a.Count == 3 && a.Any(x => x!["state"]!.GetValue<string>() == "suppressed"), TimeSpan.FromSeconds(20), "the child held");
        var parent = alerts.Single(a => a!["site"]!.GetValue<string>() == KanagawaNode)!;
        var child = alerts.Single(a => a!["site"]!.GetValue<string>() == Kanagawa[0].Code)!;
        Assert.Equal("suppressed", child["state"]!.GetValue<string>());
        Assert.Equal($"alert:{parent["id"]}", child["suppressedBy"]!.GetValue<string>());
        Assert.Equal("firing", alerts.Single(a => a!["site"]!.GetValue<string>() == Tokyo[0].Code)!["state"]!.GetValue<string>()); // another prefecture

        // The node recovers (switchback): its alert resolves and the child pages as itself.
        await StoreDetectionsAsync(DataDir, [Detection(KanagawaNode, DetectionKind.Switchback, t.AddSeconds(20), "the node carries again")]);
        alerts = await WaitAlertsAsync(http, a => a.Single(x => x!["site"]!.GetValue<string>() == Kanagawa[0].Code)!["state"]!.GetValue<string>() == "firing",
            TimeSpan.FromSeconds(20), "the child released");
        Assert.Equal("resolved", alerts.Single(a => a!["site"]!.GetValue<string>() == KanagawaNode)!["state"]!.GetValue<string>());

        // A maintenance window on the node holds a child's line alert the same way, and releases it when it ends.
        using var created = await http.PostAsJsonAsync("api/v1/silences", new
        {
            matchers = new[] { new { name = "site", value = KanagawaNode, isRegex = false, isEqual = true } },
            endsAt = DateTimeOffset.UtcNow.AddHours(1), comment = "県ノード機器更新", maintenance = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var silence = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        await StoreDetectionsAsync(DataDir, [Detection(Kanagawa[1].Code, DetectionKind.FailoverStarted, DateTimeOffset.UtcNow.AddSeconds(-1), "primary line down")]);
        alerts = await WaitAlertsAsync(http, a => a.Any(x => x!["site"]!.GetValue<string>() == Kanagawa[1].Code), TimeSpan.FromSeconds(20), "the child in maintenance");
        var held = alerts.Single(a => a!["site"]!.GetValue<string>() == Kanagawa[1].Code)!;
        Assert.Equal("suppressed", held["state"]!.GetValue<string>());
        Assert.Equal($"silence:{silence}", held["suppressedBy"]!.GetValue<string>());
        using (var expire = await http.DeleteAsync($"api/v1/silences/{silence}"))
            Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        await WaitAlertsAsync(http, a => a.Single(x => x!["site"]!.GetValue<string>() == Kanagawa[1].Code)!["state"]!.GetValue<string>() == "firing",
            TimeSpan.FromSeconds(20), "the child released after the window");

        // A weekly maintenance window goes through the API and comes back with its recurrence; a bad one is refused naming the field.
        using (var weekly = await http.PostAsJsonAsync("api/v1/silences", new
               {
                   matchers = new[] { new { name = "site", value = Tokyo[3].Code, isRegex = false, isEqual = true } }, comment = "毎週の定期保守", maintenance = true,
                   recurrence = new { days = new[] { "saturday", "sunday" }, start = "22:00", durationMinutes = 240, timeZone = "Asia/Tokyo", until = "2099-12-26" },
               }))
        {
            Assert.Equal(HttpStatusCode.Created, weekly.StatusCode);
            var id = JsonNode.Parse(await weekly.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            var listed = (await http.GetFromJsonAsync<JsonArray>("api/v1/silences"))!.Single(x => x!["id"]!.GetValue<long>() == id)!;
            Assert.Equal(["saturday", "sunday"], listed["recurrence"]!["days"]!.AsArray().Select(d => d!.GetValue<string>()));
            Assert.Equal("22:00", listed["recurrence"]!["start"]!.GetValue<string>());
            Assert.Equal("2099-12-26", listed["recurrence"]!["until"]!.GetValue<string>());
            Assert.StartsWith("2099-12-26T17:00:00", listed["endsAt"]!.GetValue<string>(), StringComparison.Ordinal); // 02:00 JST after the last Saturday
        }
        using (var bad = await http.PostAsJsonAsync("api/v1/silences", new
               {
                   matchers = new[] { new { name = "site", value = Tokyo[3].Code } }, comment = "x",
                   recurrence = new { days = new[] { "funday" }, start = "22:00", durationMinutes = 60, until = "2099-01-01" },
               }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Contains("recurrence.days[0]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A configured inhibition rule (Alerting:Inhibit) holds Prometheus' interface alerts of the prefecture whose node is down,
        // under the node's alert, and releases them when Prometheus says the node is back; another prefecture's pages as usual.
        object Posted(string name, string severity, string site, string prefecture, DateTimeOffset? endsAt = null) => new
        {
            labels = new Dictionary<string, string> { ["alertname"] = name, ["kind"] = name.ToLowerInvariant(), ["severity"] = severity, ["site"] = site, ["prefecture"] = prefecture },
            annotations = new Dictionary<string, string> { ["summary"] = name },
            startsAt = DateTimeOffset.UtcNow.AddSeconds(-10), endsAt = endsAt ?? DateTimeOffset.UtcNow.AddMinutes(5),
        };
        using (var post = await http.PostAsJsonAsync("/api/v2/alerts", new[]
               {
                   Posted("LgwanNodeDown", "critical", KanagawaNode, "14"),
                   Posted("LgwanInterfaceErrors", "warning", Kanagawa[2].Code, "14"),
                   Posted("LgwanInterfaceErrors", "warning", Tokyo[2].Code, "13"),
               }))
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        alerts = await AlertsAsync(http);
        var nodeDown = alerts.Single(a => a!["labels"]!["alertname"]?.GetValue<string>() == "LgwanNodeDown")!;
        var inhibited = alerts.Single(a => a!["labels"]!["alertname"]?.GetValue<string>() == "LgwanInterfaceErrors" && a["site"]!.GetValue<string>() == Kanagawa[2].Code)!;
        Assert.Equal("suppressed", inhibited["state"]!.GetValue<string>());
        Assert.Equal($"alert:{nodeDown["id"]}", inhibited["suppressedBy"]!.GetValue<string>());
        Assert.StartsWith("inhibit rule 0", inhibited["suppressedReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("firing", alerts.Single(a => a!["labels"]!["alertname"]?.GetValue<string>() == "LgwanInterfaceErrors" && a["site"]!.GetValue<string>() == Tokyo[2].Code)!["state"]!.GetValue<string>());
        Assert.Equal("firing", nodeDown["state"]!.GetValue<string>());
        using (var resolved = await http.PostAsJsonAsync("/api/v2/alerts", new[] { Posted("LgwanNodeDown", "critical", KanagawaNode, "14", DateTimeOffset.UtcNow.AddSeconds(-1)) }))
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await WaitAlertsAsync(http, a => a.Single(x => x!["id"]!.GetValue<long>() == inhibited["id"]!.GetValue<long>())!["state"]!.GetValue<string>() == "firing",
            TimeSpan.FromSeconds(20), "the interface alert released when its node-down source resolved");

        // A person without the right role may not silence: the NOC silences, on-call staff acknowledge.
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "oc9", "oncall"));
        using var denied = await http.PostAsJsonAsync("api/v1/silences", new { matchers = new[] { new { name = "site", value = "131016" } }, endsAt = DateTimeOffset.UtcNow.AddHours(1), comment = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task A_schedule_put_through_the_API_is_checked_audited_and_pages_the_new_person()
    {
        await AddUserAsync(DataDir, "oncall2", "oncall", "oncall2@noc.example.jp");
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "op1", "operator"));
        using (var bad = await http.PutAsJsonAsync("api/v1/oncall/schedules/noc", new { timeZone = "Mars/Olympus", rotation = new { users = new[] { "oncall2" }, handoff = "09:00", lengthDays = 7 } }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Contains("Alerting:OnCall:Schedules:noc:TimeZone", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var good = await http.PutAsJsonAsync("api/v1/oncall/schedules/noc", new { timeZone = "Asia/Tokyo", rotation = new { users = new[] { "oncall2" }, handoff = "09:00", lengthDays = 7 } }))
            Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        var now = (await http.GetFromJsonAsync<JsonObject>("api/v1/oncall"))!["now"]!.AsArray();
        Assert.Equal("oncall2", now.Single(n => n!["schedule"]!.GetValue<string>() == "noc")!["current"]!.GetValue<string>());

        await StoreDetectionsAsync(DataDir, [Detection(Tokyo[3].Code, DetectionKind.PortScan, DateTimeOffset.UtcNow.AddSeconds(-2), "256 ports from 192.0.2.99")]);
        var page = (await WaitMailsAsync(_smtp, m => m.Count >= 1, TimeSpan.FromSeconds(30), "the page to the new person on call")).Single();
        Assert.Equal("oncall2@noc.example.jp", page.To);

        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "oc8", "oncall"));
        using (var denied = await http.PutAsJsonAsync("api/v1/oncall/schedules/noc", new { timeZone = "Asia/Tokyo", rotation = new { users = new[] { "oc8" } } }))
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "aud1", "auditor"));
        var audit = (await http.GetFromJsonAsync<JsonArray>("api/v1/audit?action=oncall."))!;
        Assert.Single(audit, r => r!["actor"]!.GetValue<string>() == "op1" && r["action"]!.GetValue<string>() == "oncall.schedule.put");
    }

    /// <summary>Regression (found by bench alerting): with more than 2,000 detections stored at one moment the engine re-read the same 2,000 forever and never saw the next one.</summary>
    [Fact]
    public async Task A_burst_larger_than_one_read_is_read_to_the_end_and_the_next_detection_still_fires()
    {
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "op1", "operator"));
        var t = DateTimeOffset.UtcNow.AddMinutes(-2);
        var burst = Enumerable.Range(0, 2600).Select(i => Detection(Tokyo[i % Tokyo.Count].Code, DetectionKind.PortScan, t.AddMilliseconds(i), $"scan {i}")).ToList();
        await StoreDetectionsAsync(DataDir, burst); // one transaction: every row has the same RecordedAt
        await WaitAlertsAsync(http, a => a.Count(x => x!["kind"]!.GetValue<string>() == "port_scan") == Tokyo.Count, TimeSpan.FromSeconds(30), "one alert per scanned site");
        await StoreDetectionsAsync(DataDir, [Detection(Kanagawa[2].Code, DetectionKind.SynFlood, DateTimeOffset.UtcNow.AddSeconds(-1), "SYN flood 40,000/s")]);
        await WaitAlertsAsync(http, a => a.Any(x => x!["kind"]!.GetValue<string>() == "syn_flood"), TimeSpan.FromSeconds(20), "the detection after the burst");
    }
}
