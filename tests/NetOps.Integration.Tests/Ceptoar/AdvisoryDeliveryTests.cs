using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetOps.Ceptoar.Directory;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Ceptoar;

/// <summary>
/// An advisory through the running host to a real SMTP server (aiosmtpd): four eyes, one outbox row per contact, exactly
/// one mail per contact counted at the server, a 550 recorded with its reply, a 451 retried and sent once, the
/// acknowledgement link (GET shows, POST records once), the delivery counts, one contact's mail in ISO-2022-JP, and
/// one reminder per unacknowledged recipient (<c>Ceptoar:Reminders:AfterHours</c> of a few seconds, <c>Max</c> 1).
/// </summary>
public sealed partial class AdvisoryDeliveryTests : IAsyncLifetime
{
    private const string Refused = "ciso@refused.example.jp";
    private const string Deferred = "ciso@greylist.example.jp";
    private InfluxServer _influx = null!;
    private SmtpSink _smtp = null!;
    private NetOpsProcess _netops = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-advisory-").FullName;
    private string DataDir => Path.Combine(_dir, "data");
    private (string Ca, string Cert, string Key) _signing;

    internal static string[] SigningArgs((string Ca, string Cert, string Key) pem) =>
        [$"--Ceptoar:Signing:CertificatePath={pem.Cert}", $"--Ceptoar:Signing:KeyPath={pem.Key}"];

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _smtp = await SmtpSink.StartAsync(Path.Combine(_dir, "mail"), new Dictionary<string, string> { [Refused] = "550 5.1.1 <ciso@refused.example.jp>: Recipient address rejected: User unknown" }, [Deferred]);
        _signing = TestCertificates.SigningPem(Path.Combine(_dir, "pki"), DateTimeOffset.UtcNow.AddYears(1));
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null,
            [.. SmtpArgs(_smtp.Port), .. SigningArgs(_signing), "--Ceptoar:Reminders:AfterHours=0.0005", "--Ceptoar:Reminders:Max=1"]);
    }

    internal static string[] SmtpArgs(int port) =>
    [
        "--Smtp:Host=127.0.0.1", $"--Smtp:Port={port}", "--Smtp:From=ceptoar@netops.example.lg.jp",
        "--Ceptoar:Delivery:RetryInitialSeconds=1", "--Ceptoar:Delivery:PollMilliseconds=200", "--Ceptoar:Delivery:MessagesPerSecond=0",
    ];

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _smtp.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>50 bodies of Tokyo (the prefecture and 49 municipalities), one contact each, 5 with a second; two of them the refused and the deferred address.</summary>
    internal static (string Csv, IReadOnlyList<string> Codes, IReadOnlyList<string> Addresses) Contacts(int bodies, string prefecture = "13")
    {
        var chosen = BodyDirectory.Shipped.Bodies.Where(b => b.PrefectureCode == prefecture).Take(bodies).ToList();
        if (chosen.Count < bodies) chosen = BodyDirectory.Shipped.Bodies.Take(bodies).ToList();
        var lines = new StringBuilder("code,address,role\n");
        var addresses = new List<string>();
        for (int i = 0; i < chosen.Count; i++)
        {
            var a = $"joho@b{chosen[i].Code}.example.jp";
            lines.Append($"{chosen[i].Code},{a},情報政策課\n");
            addresses.Add(a);
            if (i < 5)
            {
                var second = i switch { 0 => Refused, 1 => Deferred, _ => $"ciso@b{chosen[i].Code}.example.jp" };
                lines.Append($"{chosen[i].Code},{second},CISO\n");
                addresses.Add(second);
            }
        }
        return (lines.ToString(), chosen.Select(b => b.Code).ToList(), addresses);
    }

    internal static async Task<JsonNode> WaitDeliveredAsync(HttpClient http, long id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonNode report;
        do
        {
            report = JsonNode.Parse(await http.GetStringAsync($"api/v1/advisories/{id}/deliveries"))!;
            if (report["pending"]!.GetValue<int>() == 0 && report["state"]!.GetValue<string>() == "sent") return report;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"advisory {id} still pending after {timeout}: {report.ToJsonString()}");
    }

    [Fact]
    public async Task An_approved_advisory_reaches_each_contact_once_and_is_acknowledged_through_its_link()
    {
        var publisher = await NetOpsCli.UserWithTokenAsync(DataDir, "pub1", "publisher");
        var approver = await NetOpsCli.UserWithTokenAsync(DataDir, "appr1", "approver");
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
        var (csv, codes, addresses) = Contacts(50);
        using (var import = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv, Encoding.UTF8, "text/csv")))
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        // One contact asks for ISO-2022-JP (its older mail client); a bad charset is a refused line.
        var iso = $"ciso@b{codes[2]}.example.jp";
        using (var import = await http.PostAsync("api/v1/directory/contacts",
                   new StringContent($"code,address,role,charset\n{codes[2]},{iso},CISO,iso-2022-jp\n{codes[3]},x@b{codes[3]}.example.jp,CISO,ebcdic\n", Encoding.UTF8, "text/csv")))
        {
            var result = JsonNode.Parse(await import.Content.ReadAsStringAsync())!;
            Assert.Equal(1, result["updated"]!.GetValue<int>());
            Assert.Equal("BadCharset", result["rejected"]![0]!["reason"]!.GetValue<string>());
        }

        using (var unknown = await http.PostAsJsonAsync("api/v1/advisories", Draft(["131016", "131017"])))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            Assert.Contains("131017", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var created = await http.PostAsJsonAsync("api/v1/advisories", Draft(codes));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();

        using (var early = await http.PostAsJsonAsync($"api/v1/advisories/{id}/send", new { }))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using (var own = await http.PostAsync($"api/v1/advisories/{id}/approve", null))
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode); // a publisher may not approve at all
        var both = await NetOpsCli.UserWithTokenAsync(DataDir, "pub2", "publisher,approver");
        http.DefaultRequestHeaders.Authorization = new("Bearer", both);
        using (var created2 = await http.PostAsJsonAsync("api/v1/advisories", Draft(codes)))
        {
            long own2 = JsonNode.Parse(await created2.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
            using var ownApproval = await http.PostAsync($"api/v1/advisories/{own2}/approve", null);
            Assert.Equal(HttpStatusCode.Forbidden, ownApproval.StatusCode); // four eyes: the author, though an approver
        }

        http.DefaultRequestHeaders.Authorization = new("Bearer", approver);
        using (var approved = await http.PostAsync($"api/v1/advisories/{id}/approve", null))
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
        using var send = await http.PostAsJsonAsync($"api/v1/advisories/{id}/send", new { });
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        Assert.Equal(addresses.Count, JsonNode.Parse(await send.Content.ReadAsStringAsync())!["recipients"]!.GetValue<int>());

        var report = await WaitDeliveredAsync(http, id, TimeSpan.FromSeconds(90));
        Assert.Equal((55, 54, 1, 0, 0), (report["total"]!.GetValue<int>(), report["sent"]!.GetValue<int>(), report["failed"]!.GetValue<int>(),
            report["pending"]!.GetValue<int>(), report["acknowledged"]!.GetValue<int>()));
        var tokyo = report["prefectures"]!.AsArray().Single()!;
        Assert.Equal(("13", "東京都", 55, 54, 1), (tokyo["prefecture"]!.GetValue<string>(), tokyo["name"]!.GetValue<string>(),
            tokyo["total"]!.GetValue<int>(), tokyo["sent"]!.GetValue<int>(), tokyo["failed"]!.GetValue<int>()));
        var failure = report["failures"]!.AsArray().Single()!;
        Assert.Equal(Refused, failure["address"]!.GetValue<string>());
        Assert.StartsWith("550 ", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("User unknown", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);

        // At the server: exactly one mail per accepted contact, each with its own stable Message-ID (reminders aside).
        var messages = _smtp.Messages().Where(m => !m.Message.Headers.Contains("X-CEPTOAR-Reminder")).ToList();
        Assert.Equal(54, messages.Count);
        Assert.Equal(addresses.Where(a => a != Refused).Order(StringComparer.Ordinal), messages.Select(m => m.EnvelopeTo).Order(StringComparer.Ordinal));
        Assert.Equal(54, messages.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.All(messages, m => Assert.Matches($"^advisory-{id}\\.[0-9a-f]{{32}}@netops$", m.Message.MessageId));
        var greylisted = messages.Single(m => m.EnvelopeTo == Deferred).Message;
        Assert.Equal("[CEPTOAR][緊急] VPN 装置の脆弱性を悪用する攻撃について", greylisted.Subject);
        Assert.Contains("TLP:AMBER", greylisted.TextBody, StringComparison.Ordinal);
        // S/MIME: the mail as the server received it verifies against the CA with openssl.
        Assert.IsType<MimeKit.Cryptography.MultipartSigned>(greylisted.Body);
        var file = _smtp.Files().Single(f => File.ReadLines(f).First().EndsWith(Deferred, StringComparison.Ordinal)
            && !File.ReadAllText(f).Contains("X-CEPTOAR-Reminder", StringComparison.Ordinal));
        var received = Path.Combine(_dir, "received.eml");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(received, bytes[(Array.IndexOf(bytes, (byte)'\n') + 1)..]); // as received, without the sink's envelope line
        var verified = await Peers.RunAsync("openssl", ["cms", "-verify", "-in", received, "-CAfile", _signing.Ca, "-out", "/dev/null"]);
        Assert.Contains("Verification successful", verified, StringComparison.Ordinal);

        // The ISO-2022-JP contact's mail: 7-bit with ESC $ B, decoded back to the same Japanese, signed and verified.
        var isoMail = messages.Single(m => m.EnvelopeTo == iso).Message;
        Assert.Equal(greylisted.Subject, isoMail.Subject);
        var isoPart = Assert.IsType<MimeKit.TextPart>(Assert.IsType<MimeKit.Cryptography.MultipartSigned>(isoMail.Body)[0]);
        Assert.Equal("iso-2022-jp", isoPart.ContentType.Charset, ignoreCase: true);
        Assert.Equal(MimeKit.ContentEncoding.SevenBit, isoPart.ContentTransferEncoding);
        Assert.Contains("該当する装置を直ちに更新してください。", isoPart.Text, StringComparison.Ordinal);
        var isoBytes = File.ReadAllBytes(_smtp.Files().Single(f => File.ReadLines(f).First().EndsWith(iso, StringComparison.Ordinal)
            && !File.ReadAllText(f).Contains("X-CEPTOAR-Reminder", StringComparison.Ordinal)));
        isoBytes = isoBytes[(Array.IndexOf(isoBytes, (byte)'\n') + 1)..];
        Assert.True(isoBytes.All(b => b < 0x80) && isoBytes.AsSpan().IndexOf("\u001b$B"u8) >= 0, "7-bit ISO-2022-JP");
        var isoFile = Path.Combine(_dir, "iso.eml");
        File.WriteAllBytes(isoFile, isoBytes);
        Assert.Contains("Verification successful", await Peers.RunAsync("openssl", ["cms", "-verify", "-in", isoFile, "-CAfile", _signing.Ca, "-out", "/dev/null"]), StringComparison.Ordinal);

        // The acknowledgement link: GET shows a button and records nothing; POST records once.
        var link = AckLink().Match(greylisted.TextBody!).Value;
        Assert.StartsWith(_netops.BaseUri.ToString().TrimEnd('/') + "/ack/advisory/", link, StringComparison.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var page = await browser.GetStringAsync(link);
        Assert.Contains("data-testid=\"ack-confirm\"", page, StringComparison.Ordinal);
        Assert.Equal(0, JsonNode.Parse(await http.GetStringAsync($"api/v1/advisories/{id}/deliveries"))!["acknowledged"]!.GetValue<int>());
        var antiforgery = HiddenInput().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        using (var withoutToken = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "1" })))
            Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        using (var confirm = await browser.PostAsync(link, new FormUrlEncodedContent(antiforgery)))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("data-testid=\"ack-done\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var again = await browser.PostAsync(link, new FormUrlEncodedContent(antiforgery)))
            Assert.Contains("data-testid=\"ack-already\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var tampered = await browser.GetAsync(link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..]))
            Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        report = JsonNode.Parse(await http.GetStringAsync($"api/v1/advisories/{id}/deliveries"))!;
        Assert.Equal(1, report["acknowledged"]!.GetValue<int>());

        // Reminders: every delivered recipient that has not acknowledged gets exactly one (Max 1), with its own Message-ID
        // and the same kind of signed link; the refused address none. (The acknowledged one may have had its reminder
        // before it confirmed: a few seconds of AfterHours.)
        var expected = addresses.Where(a => a != Refused && a != Deferred).Order(StringComparer.Ordinal).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<(string EnvelopeTo, MimeKit.MimeMessage Message)> reminders;
        while (true)
        {
            reminders = _smtp.Messages().Where(m => m.Message.Headers.Contains("X-CEPTOAR-Reminder")).ToList();
            if (expected.All(a => reminders.Any(r => r.EnvelopeTo == a)) || DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // more than AfterHours: a second round would show now
        reminders = _smtp.Messages().Where(m => m.Message.Headers.Contains("X-CEPTOAR-Reminder")).ToList();
        Assert.Equal(expected, reminders.Select(r => r.EnvelopeTo).Where(a => a != Deferred).Order(StringComparer.Ordinal));
        Assert.Equal(reminders.Count, reminders.Select(r => r.EnvelopeTo).Distinct().Count());
        Assert.All(reminders, r =>
        {
            Assert.Matches($"^advisory-{id}\\.r1\\.[0-9a-f]{{32}}@netops$", r.Message.MessageId);
            Assert.StartsWith("【再送・確認のお願い】[CEPTOAR][緊急] ", r.Message.Subject, StringComparison.Ordinal);
            Assert.Matches(AckLink(), r.Message.TextBody ?? "");
        });
        Assert.Equal("iso-2022-jp", reminders.Single(r => r.EnvelopeTo == iso).Message.Body is MimeKit.Cryptography.MultipartSigned ms ? ms[0].ContentType.Charset : null);
        Assert.Equal(55, JsonNode.Parse(await http.GetStringAsync($"api/v1/advisories/{id}/deliveries"))!["total"]!.GetValue<int>());

        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "aud1", "auditor"));
        var audit = await http.GetFromJsonAsync<JsonArray>("api/v1/audit?action=advisory.");
        var actions = audit!.Select(r => $"{r!["actor"]} {r["action"]}").ToList();
        Assert.Contains("pub1 advisory.create", actions);
        Assert.Contains("pub2 advisory.approve.denied", actions);
        Assert.Contains("appr1 advisory.approve", actions);
        Assert.Contains("pub1 advisory.send", actions);
        Assert.Contains("system advisory.remind", actions);
        Assert.Contains(actions, a => a.StartsWith("body:", StringComparison.Ordinal) && a.EndsWith(" advisory.acknowledge", StringComparison.Ordinal));
        using var oncall = new HttpClient { BaseAddress = _netops.BaseUri };
        oncall.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "pager1", "oncall"));
        using (var forbidden = await oncall.GetAsync("api/v1/advisories")) Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_csaf_document_imports_as_a_draft_and_an_invalid_one_is_refused_with_its_rule_and_path()
    {
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "pub3", "publisher"));
        static ByteArrayContent Json(byte[] bytes) => new(bytes) { Headers = { ContentType = new("application/json") } };

        var cisco = await File.ReadAllBytesAsync(SharedData.Path("csaf/examples/cisco-sa-20180328-smi2.json"));
        using (var created = await http.PostAsync("api/v1/advisories/import?recipients=13,352012", Json(cisco)))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var draft = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
            Assert.Equal("Cisco IOS and IOS XE Software Smart Install Remote Code Execution Vulnerability", draft["title"]!.GetValue<string>());
            Assert.Equal("Cisco PSIRT", draft["source"]!.GetValue<string>());
            Assert.Equal("draft", draft["state"]!.GetValue<string>());
            Assert.Equal("amber", draft["tlp"]!.GetValue<string>()); // no TLP in the document: the restrictive default
            Assert.Contains("CVE-2018-0171", draft["references"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal(["13"], draft["recipients"]!["prefectures"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.Equal("pub3", draft["author"]!.GetValue<string>());
        }

        var broken = await File.ReadAllBytesAsync(SharedData.Path("csaf/invalid/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-01-01.json"));
        using (var refused = await http.PostAsync("api/v1/advisories/import", Json(broken)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!.AsArray();
            Assert.Contains(errors, e => e!["rule"]!.GetValue<string>() == "6.1.1");
            var missing = errors.First(e => e!["rule"]!.GetValue<string>() == "6.1.1");
            Assert.StartsWith("/", missing!["path"]!.GetValue<string>()); // the JSON Pointer of the undefined product id
        }

        var v21 = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(cisco).Replace("\"csaf_version\": \"2.0\"", "\"csaf_version\": \"2.1\"", StringComparison.Ordinal));
        using (var refused = await http.PostAsync("api/v1/advisories/import", Json(v21)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("csaf_version", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]![0]!["rule"]!.GetValue<string>());
        }
        using (var badGroup = await http.PostAsync("api/v1/advisories/import?recipients=999999", Json(cisco)))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, badGroup.StatusCode);

        using var auditor = new HttpClient { BaseAddress = _netops.BaseUri };
        auditor.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "aud2", "auditor"));
        using (var forbidden = await auditor.PostAsync("api/v1/advisories/import", Json(cisco))) Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Single(await http.GetFromJsonAsync<JsonArray>("api/v1/advisories") ?? []);
    }

    internal static object Draft(IReadOnlyList<string> codes) => new
    {
        title = "VPN 装置の脆弱性を悪用する攻撃について",
        body = "VPN 装置の脆弱性（CVE-2026-0001）を悪用する攻撃が確認されています。\n該当する装置を直ちに更新してください。",
        severity = "urgent",
        tlp = "amber",
        source = "NISC",
        references = new[] { "CVE-2026-0001", "JVNVU#12345678" },
        affectedProducts = new[] { "Example VPN 9.1" },
        recommendedActions = new[] { "9.2 以降に更新する" },
        recipients = new { codes },
    };

    [GeneratedRegex(@"http://[^\s]+/ack/advisory/[A-Za-z0-9_\-\.]+")]
    private static partial Regex AckLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
