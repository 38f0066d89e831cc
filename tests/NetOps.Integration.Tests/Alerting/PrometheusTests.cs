using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;
using static NetOps.Integration.Tests.Alerting.AlertingFixture;

namespace NetOps.Integration.Tests.Alerting;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>) with a rule that fires for a while, sending to NetOps as its
/// Alertmanager (<c>POST /api/v2/alerts</c>, an operator's bearer token): NetOps pages on-call for it, linked to the
/// site its <c>site</c> label names, and resolves it with a resolved notice when Prometheus says it is over.
/// </summary>
public sealed class PrometheusTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private SmtpSink _smtp = null!;
    private NetOpsProcess _netops = null!;
    private Process? _prometheus;
    private readonly System.Text.StringBuilder _log = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-prometheus-").FullName;
    private string DataDir => Path.Combine(_dir, "data");

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _smtp = await SmtpSink.StartAsync(Path.Combine(_dir, "mail"));
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null,
            [$"--Inventory:Path={WriteInventory(_dir)}", "--Smtp:Host=127.0.0.1", $"--Smtp:Port={_smtp.Port}", .. OnCallArgs(5),
                "--Alerting:OnCall:Routes:2:GroupWaitSeconds=0", "--Alerting:OnCall:Routes:2:GroupIntervalSeconds=2"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_prometheus is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        _prometheus?.Dispose();
        await _netops.DisposeAsync();
        await _smtp.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_Prometheus_rule_that_fires_pages_on_call_and_its_end_resolves_the_alert()
    {
        await AddUserAsync(DataDir, "oncall1", "oncall", "oncall1@noc.example.jp");
        var token = await NetOpsCli.UserWithTokenAsync(DataDir, "prometheus", "operator");
        var site = Tokyo[0];
        var end = DateTimeOffset.UtcNow.AddSeconds(25).ToUnixTimeSeconds();
        File.WriteAllText(Path.Combine(_dir, "token"), token);
        File.WriteAllText(Path.Combine(_dir, "rules.yml"), $$"""
            groups:
              - name: lgwan-probes
                interval: 1s
                rules:
                  - alert: LineProbeFailed
                    expr: vector(time()) < {{end}}
                    labels:
                      site: "{{site.Code}}"
                      severity: critical
                      kind: probe_failed
                    annotations:
                      summary: "ICMP probe to the {{site.Code}} router failed"
            """);
        File.WriteAllText(Path.Combine(_dir, "prometheus.yml"), $$"""
            global:
              evaluation_interval: 1s
            rule_files: ["{{Path.Combine(_dir, "rules.yml")}}"]
            alerting:
              alertmanagers:
                - api_version: v2
                  authorization:
                    type: Bearer
                    credentials_file: "{{Path.Combine(_dir, "token")}}"
                  static_configs:
                    - targets: ["127.0.0.1:{{_netops.BaseUri.Port}}"]
            """);
        var psi = new ProcessStartInfo("prometheus") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
                 {
                     $"--config.file={Path.Combine(_dir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(_dir, "tsdb")}",
                     $"--web.listen-address=127.0.0.1:{TestPorts.Next().ToString(CultureInfo.InvariantCulture)}", "--rules.alert.resend-delay=1s",
                 })
            psi.ArgumentList.Add(a);
        _prometheus = Process.Start(psi)!;
        _prometheus.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _prometheus.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        _prometheus.BeginOutputReadLine();
        _prometheus.BeginErrorReadLine();

        List<(string To, MimeKit.MimeMessage Message)> first;
        try { first = await WaitMailsAsync(_smtp, m => m.Count >= 1, TimeSpan.FromSeconds(40), "the page for Prometheus' alert"); }
        catch (TimeoutException e) { lock (_log) throw new TimeoutException($"{e.Message}\nprometheus:\n{_log}\nnetops:\n{_netops.Output[^Math.Min(_netops.Output.Length, 4000)..]}"); }
        var page = first.Single();
        Assert.Equal("oncall1@noc.example.jp", page.To);
        Assert.StartsWith("[NetOps][重大] probe_failed " + site.Name, page.Message.Subject, StringComparison.Ordinal);
        Assert.Contains($"場所: {site.Name}（団体コード {site.Code}）", page.Message.TextBody!, StringComparison.Ordinal);
        Assert.Contains($"ICMP probe to the {site.Code} router failed", page.Message.TextBody!, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var alert = (await AlertsAsync(http)).Single()!;
        Assert.Equal("prometheus", alert["source"]!.GetValue<string>());
        Assert.Equal(site.Code, alert["site"]!.GetValue<string>());
        Assert.Equal("LineProbeFailed", alert["labels"]!["alertname"]!.GetValue<string>());

        // The rule stops firing at `end`: Prometheus sends the alert resolved; NetOps resolves it and tells whoever was paged.
        await WaitAlertsAsync(http, a => a.Single()!["state"]!.GetValue<string>() == "resolved", TimeSpan.FromSeconds(60), "the alert resolved by Prometheus");
        var mails = await WaitMailsAsync(_smtp, m => m.Count >= 2, TimeSpan.FromSeconds(20), "the resolved notice");
        var resolved = mails.Single(m => m.Message.MessageId != page.Message.MessageId);
        Assert.StartsWith("[NetOps][復旧] probe_failed " + site.Name, resolved.Message.Subject, StringComparison.Ordinal);
        Assert.Equal("oncall1@noc.example.jp", resolved.To);
    }
}
