using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetOps.Ceptoar.Directory;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// The advisories pages in a real browser against a real SMTP server: a CSAF file that is not CSAF 2.0 is refused
/// with its rule and JSON path; the admin composes a draft for one prefecture
/// whose few contacts were imported through the API, is refused approving it on screen (four eyes, the store's
/// refusal), an approver approves it, the admin's open page turns approved and then follows the send to all sent
/// without a reload, with the coverage by prefecture as a chart and a table, and the mails reach the server; a
/// correction of it keeps its recipients.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class AdvisoriesPageTests(NetOpsSite site)
{
    private const string Prefecture = "31"; // 鳥取県: no other test gives its bodies contacts

    [Fact]
    public async Task A_draft_is_refused_to_its_author_approved_by_another_and_its_send_is_followed_live_to_all_sent()
    {
        var bodies = BodyDirectory.Shipped.Bodies.Where(b => b.PrefectureCode == Prefecture).Take(3).ToList();
        var csv = new StringBuilder("code,address,role\n");
        foreach (var b in bodies) csv.Append($"{b.Code},joho@b{b.Code}.example.lg.jp,情報政策課\n");
        csv.Append($"{bodies[0].Code},ciso@b{bodies[0].Code}.example.lg.jp,CISO\n");
        using (var http = new HttpClient { BaseAddress = site.NetOps.BaseUri })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Tokens[NetOpsSite.AdminName]);
            using var import = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }
        int mailsBefore = site.Smtp.Count;

        var author = await site.SignedInPageAsync(NetOpsSite.AdminName, NetOpsSite.AdminPassword);
        await author.GotoAsync("/advisories");
        await author.WaitForCircuitAsync();
        await Assertions.Expect(author.Locator("h1")).ToHaveTextAsync("注意喚起");
        await author.ClickAsync("[data-testid=advisory-new]");

        // A CSAF file the importer refuses: each refusal with its rule and JSON path, and no draft.
        await author.ClickAsync("[data-testid=compose-csaf]");
        var refusal = author.Locator("[data-testid=csaf-refusals] tr[data-rule=csaf_version]");
        // The file input has just been rendered: its script may not listen yet when the first file is set, so set it again.
        for (int attempt = 0; attempt < 4 && await refusal.CountAsync() == 0; attempt++)
        {
            await author.SetInputFilesAsync("[data-testid=csaf-import] input[type=file]", new FilePayload
            {
                Name = "jvn-2026-0001.json", MimeType = "application/json",
                Buffer = Encoding.UTF8.GetBytes("""{"document":{"category":"csaf_security_advisory","csaf_version":"2.1","title":"x"}}"""),
            });
            try { await refusal.WaitForAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { }
        }
        await Assertions.Expect(refusal).ToContainTextAsync("/document/csaf_version");
        await Assertions.Expect(author.Locator("[data-testid=csaf-refusals]")).ToContainTextAsync("jvn-2026-0001.json は CSAF 2.0 として受け付けられません");
        await author.ShotAsync("29-advisory-csaf-refused");
        await author.ClickAsync("[data-testid=compose-manual]");
        await author.FillAsync("[data-testid=compose-title]", "VPN 装置の認証回避の脆弱性（CVE-2026-10001）");
        await author.FillAsync("[data-testid=compose-body]", "VPN 装置に認証を回避される脆弱性が公表されました。\n該当製品を利用している団体は直ちに更新してください。");
        await author.SelectOptionAsync("[data-testid=compose-severity]", "Urgent");
        await author.SelectOptionAsync("[data-testid=compose-tlp]", "Amber");
        await author.FillAsync("[data-testid=compose-references]", "CVE-2026-10001\nJVNVU#99990001");
        await author.FillAsync("[data-testid=compose-products]", "Example VPN Gateway 9.1");
        await author.FillAsync("[data-testid=compose-actions]", "修正版 9.1.4 へ更新する");
        await author.CheckAsync("[data-testid=recipients-prefectures]");
        await author.SelectOptionAsync("[data-testid=recipients-prefecture-select]", Prefecture);
        await author.ShotAsync("30-advisory-compose");
        await author.ClickAsync("[data-testid=compose-save]");
        await author.WaitForURLAsync(new Regex("/advisories/\\d+$"));
        long id = long.Parse(AdvisoryId().Match(author.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(author.Locator("h1")).ToContainTextAsync($"注意喚起 #{id}: VPN 装置の認証回避の脆弱性");
        await Assertions.Expect(author.Locator("[data-testid=advisory-state] [data-state=draft]")).ToHaveCountAsync(1);
        await Assertions.Expect(author.Locator("[data-testid=recipient-text]")).ToContainTextAsync("鳥取県");

        // Four eyes: the admin may approve, but not what they wrote; the store refuses and the page says why.
        await author.ClickAsync("[data-testid=advisory-approve]");
        await Assertions.Expect(author.Locator("[data-testid=action-error]")).ToContainTextAsync("作成者は自分の注意喚起を承認できません");
        await Assertions.Expect(author.Locator("[data-testid=advisory-state] [data-state=draft]")).ToHaveCountAsync(1);
        await author.ShotAsync("31-advisory-author-refused");

        var approver = await site.SignedInPageAsync(NetOpsSite.ApproverName, NetOpsSite.PeoplePassword);
        await approver.GotoAsync($"/advisories/{id}");
        await approver.WaitForCircuitAsync();
        await Assertions.Expect(approver.Locator("[data-testid=advisory-send]")).ToHaveCountAsync(0); // an approver does not send
        await approver.ClickAsync("[data-testid=advisory-approve]");
        await Assertions.Expect(approver.Locator("[data-testid=action-ok]")).ToContainTextAsync($"注意喚起 #{id} を承認しました");
        await Assertions.Expect(approver.Locator("[data-testid=advisory-approver]")).ToContainTextAsync(NetOpsSite.ApproverName);

        // The author's page, still open, turns approved and then follows the send, all without a reload.
        await author.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Assertions.Expect(author.Locator("[data-testid=advisory-state] [data-state=approved]")).ToHaveCountAsync(1);
        await author.ClickAsync("[data-testid=advisory-send]");
        await Assertions.Expect(author.Locator("[data-testid=action-ok]")).ToContainTextAsync("送信を開始しました（宛先 4 件");
        await author.ShotAsync("32-advisory-sending"); // a few mails a second: usually caught part way
        var progress = author.Locator("[data-testid=delivery-progress]");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-total", "4");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-sent", "4");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-failed", "0");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-pending", "0");
        await Assertions.Expect(author.Locator("[data-testid=advisory-state] [data-state=sent]")).ToHaveCountAsync(1);
        Assert.True(await author.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded to show the progress");

        var row = author.Locator($"[data-testid=coverage-table] tr[data-prefecture='{Prefecture}']");
        await Assertions.Expect(row).ToContainTextAsync("鳥取県");
        Assert.Equal(["4", "4", "0", "0", "0"], (await row.Locator("td.num").AllInnerTextsAsync()).Select(t => t.Trim()));
        await Assertions.Expect(author.Locator("[data-testid=coverage-chart]")).ToHaveAttributeAsync("data-drawn", "4");
        await Assertions.Expect(author.Locator("[data-testid=coverage-chart] canvas")).ToBeVisibleAsync();
        await author.WaitForTimeoutAsync(300);
        await author.ShotAsync("32-advisory-sent-coverage");

        // Each contact got its mail once, at the real SMTP server.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (site.Smtp.Count < mailsBefore + 4 && DateTime.UtcNow < deadline) await Task.Delay(200);
        var mine = site.Smtp.Messages().Where(m => m.Message.MessageId?.StartsWith($"advisory-{id}.", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, mine.Count);
        Assert.Equal(4, mine.Select(m => m.EnvelopeTo).Distinct().Count());

        // The API's resend to failures: a publisher's action (an operator is refused), and nothing to resend here.
        using (var http = new HttpClient { BaseAddress = site.NetOps.BaseUri })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/advisories/{id}/resend-failed");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", site.Tokens[NetOpsSite.OperatorName]);
            using (var refused = await http.SendAsync(request)) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", site.Tokens[NetOpsSite.AdminName]);
            using var none = await http.PostAsync($"api/v1/advisories/{id}/resend-failed", null);
            Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
            Assert.Contains("no recipient of this advisory has failed", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await Assertions.Expect(author.Locator("[data-testid=advisory-resend]")).ToHaveCountAsync(0);

        // A correction starts from the sent advisory and goes to its recipients.
        await author.ClickAsync("[data-testid=advisory-correct]");
        await Assertions.Expect(author.Locator("[data-testid=compose-recipients-inherited]")).ToContainTextAsync($"#{id} と同じ宛先");
        await Assertions.Expect(author.Locator("[data-testid=compose-title]")).ToHaveValueAsync("【訂正】VPN 装置の認証回避の脆弱性（CVE-2026-10001）");
        await author.FillAsync("[data-testid=compose-actions]", "修正版 9.1.5 へ更新する（9.1.4 は不十分でした）");
        await author.ClickAsync("[data-testid=compose-save]");
        await Assertions.Expect(author.Locator("[data-testid=advisory-supersedes]")).ToHaveAttributeAsync("href", $"/advisories/{id}");
        await Assertions.Expect(author.Locator("[data-testid=advisory-state] [data-state=draft]")).ToHaveCountAsync(1);
        await Assertions.Expect(author.Locator("[data-testid=advisory-content] [data-testid=recipient-text]")).ToContainTextAsync("鳥取県");
        await Assertions.Expect(author.Locator("h1")).ToContainTextAsync("【訂正】");
        await author.ShotAsync("33-advisory-correction");

        await author.ClickAsync("a[href='/advisories'] >> nth=-1");
        var listed = author.Locator($"[data-testid=advisory-row][data-advisory-id='{id}']");
        await Assertions.Expect(listed).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(listed.Locator("[data-testid=advisory-sent]")).ToContainTextAsync("4 / 4");
        await Assertions.Expect(listed).ToContainTextAsync("TLP:AMBER");
        await Assertions.Expect(listed).ToContainTextAsync("緊急");
        await Assertions.Expect(author.Locator("[data-testid=advisory-row]").First).ToContainTextAsync("訂正");
        await author.ShotAsync("34-advisories-list");
    }

    [GeneratedRegex("/advisories/(\\d+)$")]
    private static partial Regex AdvisoryId();
}
