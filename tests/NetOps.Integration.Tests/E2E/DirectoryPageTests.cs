using System.Text;
using Microsoft.Playwright;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// The advisory directory page in a real browser: an admin gives a body its contacts and imports a CSV whose refused
/// lines are shown with their reasons; an operator reads the directory but has no edit or import controls.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class DirectoryPageTests(NetOpsSite site)
{
    [Fact]
    public async Task An_admin_edits_a_bodys_contacts_and_imports_a_csv_with_its_refused_lines_shown()
    {
        var page = await site.SignedInPageAsync(NetOpsSite.AdminName, NetOpsSite.AdminPassword);
        await page.GotoAsync("/directory");
        await page.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("注意喚起の宛先名簿");
        await Assertions.Expect(page.Locator("[data-testid=directory-counts]")).ToContainTextAsync("1,788 団体中");

        await page.FillAsync("[data-testid=directory-search]", "下関");
        var row = page.Locator("[data-testid=directory-list] tr[data-code='352012']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.ClickAsync();
        await page.ClickAsync("[data-testid=directory-edit]");
        await page.Locator("[data-testid=contact-address]").Nth(0).FillAsync("jyoho@city.shimonoseki.lg.jp");
        await page.Locator("[data-testid=contact-role]").Nth(0).FillAsync("情報政策課");
        await page.ClickAsync("[data-testid=contact-add]");
        await page.Locator("[data-testid=contact-address]").Nth(1).FillAsync("ciso@city.shimonoseki.lg.jp");
        await page.Locator("[data-testid=contact-role]").Nth(1).FillAsync("CISO");
        // The CISO's old mail client reads only ISO-2022-JP: the choice is stored and shown.
        await page.Locator("[data-testid=contact-charset]").Nth(1).SelectOptionAsync("iso-2022-jp");
        await page.ClickAsync("[data-testid=directory-save]");
        await Assertions.Expect(page.Locator("[data-testid=action-ok]")).ToContainTextAsync("352012 下関市 の連絡先を保存しました（2 件）");
        await Assertions.Expect(row).ToContainTextAsync("連絡先 2 件");
        await Assertions.Expect(page.Locator("[data-testid=directory-body]")).ToContainTextAsync("ciso@city.shimonoseki.lg.jp");
        await Assertions.Expect(page.Locator("[data-testid=directory-body] tr", new() { HasText = "ciso@city.shimonoseki.lg.jp" })).ToContainTextAsync("ISO-2022-JP");
        await Assertions.Expect(page.Locator("[data-testid=directory-body] tr", new() { HasText = "jyoho@city.shimonoseki.lg.jp" })).ToContainTextAsync("UTF-8");
        await Assertions.Expect(page.Locator("[data-testid=directory-body]")).ToContainTextAsync("しものせきし · 市");

        var csv = "code,address,role\n131016,soumu@city.chiyoda.lg.jp,総務課\n131017,x@example.jp,CISO\n139998,y@example.jp,CISO\n";
        await page.SetInputFilesAsync("[data-testid=directory-import] input[type=file]",
            new FilePayload { Name = "contacts.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Assertions.Expect(page.Locator("[data-testid=action-ok]")).ToContainTextAsync("contacts.csv: 1 件を取り込みました");
        var rejected = page.Locator("[data-testid=directory-rejected]");
        await Assertions.Expect(rejected.Locator("tr[data-line]")).ToHaveCountAsync(2);
        await Assertions.Expect(rejected.Locator("tr[data-line='3']")).ToContainTextAsync("団体コード不正");
        await Assertions.Expect(rejected.Locator("tr[data-line='4']")).ToContainTextAsync("名簿にない団体"); // a well-formed code no body has
        await page.ShotAsync("22-directory");

        // an operator reads the directory but may not change it
        var reader = await site.SignedInPageAsync(NetOpsSite.OperatorName, NetOpsSite.PeoplePassword);
        await reader.GotoAsync("/directory");
        await reader.WaitForCircuitAsync();
        await reader.FillAsync("[data-testid=directory-search]", "352012");
        await reader.Locator("[data-testid=directory-list] tr[data-code='352012']").ClickAsync();
        await Assertions.Expect(reader.Locator("[data-testid=directory-body]")).ToContainTextAsync("jyoho@city.shimonoseki.lg.jp");
        await Assertions.Expect(reader.Locator("[data-testid=directory-edit]")).ToHaveCountAsync(0);
        await Assertions.Expect(reader.Locator("[data-testid=directory-import]")).ToHaveCountAsync(0);
    }
}
