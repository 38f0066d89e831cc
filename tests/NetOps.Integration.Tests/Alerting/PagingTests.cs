using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetOps.Core.Detections;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;
using static NetOps.Integration.Tests.Alerting.AlertingFixture;

namespace NetOps.Integration.Tests.Alerting;

/// <summary>
/// Detections to pages through the running host and a real SMTP server (aiosmtpd): a burst for a prefecture is one
/// digest per group and step, in Japanese; level 2 follows when nobody acknowledges; the mailed link (GET shows,
/// POST acts) stops a group's escalation; a SIGKILL between two steps neither loses the next step nor sends it twice.
/// </summary>
public sealed class PagingTests : IAsyncLifetime
{
    private const double StepMinutes = 0.25;
    private InfluxServer _influx = null!;
    private SmtpSink _smtp = null!;
    private NetOpsProcess _netops = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-paging-").FullName;
    private string DataDir => Path.Combine(_dir, "data");
    private string[] _args = [];

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _smtp = await SmtpSink.StartAsync(Path.Combine(_dir, "mail"));
        _args = [$"--Inventory:Path={WriteInventory(_dir)}", "--Smtp:Host=127.0.0.1", $"--Smtp:Port={_smtp.Port}", "--Smtp:From=noc@netops.example.lg.jp",
            .. OnCallArgs(StepMinutes), "--Alerting:OnCall:Policies:lines:Repeat=1"];
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null, _args);
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _smtp.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_burst_pages_one_digest_per_group_and_step_escalates_until_acknowledged_and_survives_a_SIGKILL()
    {
        await AddUserAsync(DataDir, "oncall1", "oncall", "oncall1@noc.example.jp");
        await AddUserAsync(DataDir, "oncall2", "oncall", "oncall2@noc.example.jp");
        var token = await NetOpsCli.UserWithTokenAsync(DataDir, "op1", "operator");
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        // 15 Tokyo municipalities scanned, each seen twice (two findings, one condition), and 4 in Kanagawa.
        var t0 = DateTimeOffset.UtcNow;
        var burst = Tokyo.SelectMany(m => new[] { t0.AddSeconds(-20), t0.AddSeconds(-10) }.Select(t => Detection(m.Code, DetectionKind.PortScan, t, $"1,024 ports from 192.0.2.7 to {m.Code}")))
            .Concat(Kanagawa.Select(m => Detection(m.Code, DetectionKind.PortScan, t0.AddSeconds(-15), "512 ports from 198.51.100.9")))
            .ToList();
        await StoreDetectionsAsync(DataDir, burst);

        var first = await WaitMailsAsync(_smtp, m => m.Count >= 2, TimeSpan.FromSeconds(30), "the first pages");
        var firstAt = DateTimeOffset.UtcNow;
        await Task.Delay(1500); // nothing else may follow at once
        first = [.. _smtp.Messages()];
        Assert.Equal(2, first.Count);
        Assert.All(first, m => Assert.Equal("oncall1@noc.example.jp", m.To));
        var tokyo = first.Single(m => (m.Message.Subject ?? "").Contains("ほか14件", StringComparison.Ordinal));
        var kanagawa = first.Single(m => (m.Message.Subject ?? "").Contains("ほか3件", StringComparison.Ordinal));
        Assert.StartsWith("[NetOps][警告] ポートスキャン ", tokyo.Message.Subject, StringComparison.Ordinal);
        var body = tokyo.Message.TextBody!;
        Assert.Contains("oncall1 担当 様", body, StringComparison.Ordinal);
        Assert.Contains("グループ: prefecture=13（15件）", body, StringComparison.Ordinal);
        foreach (var m in Tokyo) Assert.Contains($"場所: {m.Name}（団体コード {m.Code}）", body, StringComparison.Ordinal);
        Assert.Equal(15, AckLink().Matches(body).Count);
        Assert.Contains("1,024 ports from 192.0.2.7", body, StringComparison.Ordinal);
        Assert.Contains($"{_netops.BaseUri.ToString().TrimEnd('/')}/alerts/", body, StringComparison.Ordinal);
        Assert.Equal(19, (await AlertsAsync(http, "firing")).Count);

        // The mailed link: GET shows a page and acknowledges nothing; the POST acknowledges Kanagawa's whole group.
        var link = AckLink().Match(kanagawa.Message.TextBody!).Value;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var page = await browser.GetStringAsync(link);
        Assert.Contains("data-testid=\"alert-ack-confirm\"", page, StringComparison.Ordinal);
        Assert.Empty(await AlertsAsync(http, "acknowledged"));
        var form = HiddenInput().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        using (var withoutAntiforgery = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "1" })))
            Assert.Equal(HttpStatusCode.BadRequest, withoutAntiforgery.StatusCode);
        using (var confirm = await browser.PostAsync(link, new FormUrlEncodedContent(form)))
            Assert.Contains("data-testid=\"alert-ack-done\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var acked = await AlertsAsync(http, "acknowledged");
        Assert.Equal(Kanagawa.Select(m => m.Code).Order(), acked.Select(a => a!["site"]!.GetValue<string>()).Order());
        Assert.All(acked, a => Assert.Equal("oncall1", a!["acknowledgedBy"]!.GetValue<string>()));

        // SIGKILL between level 1 and level 2, and a restart: level 2 comes once, on time, for Tokyo only.
        _netops.Kill9();
        await _netops.DisposeAsync();
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null, _args);
        using var api = new HttpClient { BaseAddress = _netops.BaseUri };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var second = await WaitMailsAsync(_smtp, m => m.Count >= 3, TimeSpan.FromSeconds(StepMinutes * 60 + 30), "level 2");
        var secondAt = DateTimeOffset.UtcNow;
        var level2 = second.Single(m => m.To == "oncall2@noc.example.jp");
        Assert.Contains("[エスカレーション レベル2]", level2.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("ほか", level2.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("グループ: prefecture=13", level2.Message.TextBody!, StringComparison.Ordinal);
        Assert.InRange((secondAt - firstAt).TotalSeconds, StepMinutes * 60 - 3, StepMinutes * 60 + 20);

        // Acknowledged from the API by the operator: round 2 (due one more step later) never comes.
        var tokyoAlert = (await AlertsAsync(api, "firing")).First()!["id"]!.GetValue<long>();
        using (var ack = await api.PostAsync($"api/v1/alerts/{tokyoAlert}/ack?group=true", null))
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Empty(await AlertsAsync(api, "firing"));
        await Task.Delay(TimeSpan.FromSeconds(StepMinutes * 60 + 5));
        var all = _smtp.Messages();
        Assert.Equal(3, all.Count);
        Assert.Equal(3, all.Select(m => m.Message.MessageId).Distinct().Count());

        api.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "aud1", "auditor"));
        var audit = (await api.GetFromJsonAsync<JsonArray>("api/v1/audit?action=alert."))!;
        Assert.Contains(audit, r => r!["actor"]!.GetValue<string>() == "oncall1" && r["action"]!.GetValue<string>() == "alert.ack"
            && r["source"]?.GetValue<string>()?.StartsWith("mail-link", StringComparison.Ordinal) == true);
        Assert.Contains(audit, r => r!["actor"]!.GetValue<string>() == "op1" && r["action"]!.GetValue<string>() == "alert.ack");
    }
}
