using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using NetOps.Ceptoar.Directory;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Ceptoar;

/// <summary>
/// A broadcast to every body of the directory (1,788, one contact each) through the running host to a real SMTP
/// server: each contact gets one mail; then a second broadcast with NetOps SIGKILLed mid-run and restarted: every
/// contact gets its mail, and a second copy can only come from the window between the server's 250 and the row
/// update (at most one per SMTP connection per kill), with the same Message-ID.
/// </summary>
public sealed class BroadcastKillNineTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Connections = 4;
    private InfluxServer _influx = null!;
    private SmtpSink _smtp = null!;
    private NetOpsProcess _netops = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-broadcast-").FullName;
    private string DataDir => Path.Combine(_dir, "data");
    private string[] Args => [.. AdvisoryDeliveryTests.SmtpArgs(_smtp.Port), .. AdvisoryDeliveryTests.SigningArgs(_signing),
        "--Ceptoar:Delivery:LeaseSeconds=10", $"--Ceptoar:Delivery:Connections={Connections}"];
    private (string Ca, string Cert, string Key) _signing;

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _smtp = await SmtpSink.StartAsync(Path.Combine(_dir, "mail"));
        _signing = TestCertificates.SigningPem(Path.Combine(_dir, "pki"), DateTimeOffset.UtcNow.AddYears(1));
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null, Args);
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _smtp.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Every_body_gets_one_mail_and_after_a_SIGKILL_mid_run_and_a_restart_every_body_still_gets_it()
    {
        var publisher = await NetOpsCli.UserWithTokenAsync(DataDir, "pub1", "publisher");
        var approver = await NetOpsCli.UserWithTokenAsync(DataDir, "appr1", "approver");
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
        var csv = new StringBuilder("code,address,role\n");
        foreach (var b in BodyDirectory.Shipped.Bodies) csv.Append(CultureInfo.InvariantCulture, $"{b.Code},joho@b{b.Code}.example.jp,情報政策課\n");
        using (var import = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv")))
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        async Task<long> ApprovedAsync()
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
            using var created = await http.PostAsJsonAsync("api/v1/advisories", new
            {
                title = "全団体への注意喚起", body = "本文です。", severity = "warning", tlp = "clear", source = "NISC", recipients = "all",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            long id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", approver);
            using (var approved = await http.PostAsync($"api/v1/advisories/{id}/approve", null)) Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
            return id;
        }

        // 1. The whole directory, undisturbed: 1,788 mails, one per body.
        long first = await ApprovedAsync();
        var clock = Stopwatch.StartNew();
        using (var send = await http.PostAsJsonAsync($"api/v1/advisories/{first}/send", new { })) Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var report = await WithHostOutput(() => AdvisoryDeliveryTests.WaitDeliveredAsync(http, first, TimeSpan.FromMinutes(4)));
        var elapsed = clock.Elapsed;
        Assert.Equal((1788, 1788, 0), (report["total"]!.GetValue<int>(), report["sent"]!.GetValue<int>(), report["failed"]!.GetValue<int>()));
        Assert.Equal(47, report["prefectures"]!.AsArray().Count);
        var firstMails = _smtp.Messages().Where(m => (m.Message.MessageId ?? "").StartsWith($"advisory-{first}.", StringComparison.Ordinal)).ToList();
        Assert.Equal(1788, firstMails.Count);
        Assert.Equal(1788, firstMails.Select(m => m.EnvelopeTo).Distinct().Count());
        Assert.All(firstMails, m => Assert.IsType<MimeKit.Cryptography.MultipartSigned>(m.Message.Body));
        output.WriteLine($"1,788 S/MIME signed mails over {Connections} connections to aiosmtpd in {elapsed.TotalSeconds:F1} s from the send request to the last row sent ({1788 / elapsed.TotalSeconds:F0} mails/s)");

        // 2. The same with a SIGKILL once a few hundred have arrived, and a restart.
        long second = await ApprovedAsync();
        using (var send = await http.PostAsJsonAsync($"api/v1/advisories/{second}/send", new { })) Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (_smtp.Count - 1788 < 400 && DateTime.UtcNow < deadline) await Task.Delay(10);
        _netops.Kill9();
        int atKill = _smtp.Count - 1788;
        Assert.InRange(atKill, 400, 1787);
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null, Args);
        using var after = new HttpClient { BaseAddress = _netops.BaseUri };
        after.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
        report = await WithHostOutput(() => AdvisoryDeliveryTests.WaitDeliveredAsync(after, second, TimeSpan.FromMinutes(4)));
        Assert.Equal((1788, 1788, 0), (report["total"]!.GetValue<int>(), report["sent"]!.GetValue<int>(), report["failed"]!.GetValue<int>()));

        var mails = _smtp.Messages().Where(m => (m.Message.MessageId ?? "").StartsWith($"advisory-{second}.", StringComparison.Ordinal)).ToList();
        var perRecipient = mails.GroupBy(m => m.EnvelopeTo).ToList();
        var duplicates = perRecipient.Where(g => g.Count() > 1).ToList();
        output.WriteLine($"SIGKILL after {atKill} of 1,788 mails had arrived; after the restart {mails.Count} mails for {perRecipient.Count} recipients, {duplicates.Count} sent twice ({string.Join(", ", duplicates.Select(d => d.Key))})");
        Assert.Equal(1788, perRecipient.Count);
        // The window between the server's 250 and the row update: at most one message per connection when the kill came.
        Assert.InRange(duplicates.Count, 0, Connections);
        Assert.All(duplicates, d => Assert.Single(d.Select(m => m.Message.MessageId).Distinct()));
    }

    /// <summary>A stalled delivery says what the host logged.</summary>
    private async Task<JsonNode> WithHostOutput(Func<Task<JsonNode>> wait)
    {
        try { return await wait(); }
        catch (TimeoutException e)
        {
            var log = _netops.Output;
            throw new TimeoutException($"{e.Message[..Math.Min(e.Message.Length, 300)]}\nhost output (end):\n{log[Math.Max(0, log.Length - 6000)..]}", e);
        }
    }
}
