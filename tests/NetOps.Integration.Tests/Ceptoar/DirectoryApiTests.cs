using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Ceptoar;

/// <summary>The CEPTOAR directory through the running host: CSV import with each refused line's reason, export, one body's contacts, roles, audit.</summary>
public sealed class DirectoryApiTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private NetOpsProcess _netops = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-dir-").FullName;
    private string DataDir => Path.Combine(_dir, "data");

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_publisher_imports_contacts_and_sees_each_refused_line_an_oncall_user_may_not()
    {
        var publisher = await NetOpsCli.UserWithTokenAsync(DataDir, "pub1", "publisher");
        var oncall = await NetOpsCli.UserWithTokenAsync(DataDir, "pager1", "oncall");
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        const string csv = "code,address,role\n131016,ciso@city.chiyoda.example.jp,CISO\n131017,x@y.example.jp,CISO\n112046,a@urawa.example.jp,情報政策課\n011002,nope,情報政策課\n011002,joho@city.sapporo.example.jp,情報政策課\n";

        using var anonymous = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", oncall);
        using var forbidden = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", publisher);
        using var imported = await http.PostAsync("api/v1/directory/contacts", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var result = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!;
        Assert.Equal(2, result["imported"]!.GetValue<int>());
        Assert.Equal(
            ["3:BadCode", "4:UnknownBody", "5:BadAddress"],
            result["rejected"]!.AsArray().Select(r => $"{r!["line"]}:{r["reason"]}"));

        var directory = JsonNode.Parse(await http.GetStringAsync("api/v1/directory"))!;
        Assert.Equal(1788, directory["bodies"]!.AsArray().Count);
        var chiyoda = JsonNode.Parse(await http.GetStringAsync("api/v1/directory?q=ちよだ"))!["bodies"]!.AsArray()
            .Single(b => b!["code"]!.GetValue<string>() == "131016")!;
        Assert.Equal("ciso@city.chiyoda.example.jp", chiyoda["contacts"]![0]!["address"]!.GetValue<string>());

        using var put = await http.PutAsJsonAsync("api/v1/directory/131016/contacts",
            new object[] { new { address = "joho@city.chiyoda.example.jp", role = "情報政策課", charset = "iso-2022-jp" }, new { address = "ciso@city.chiyoda.example.jp", role = "CISO" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("\"charset\":\"iso-2022-jp\"", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var badCharset = await http.PutAsJsonAsync("api/v1/directory/131016/contacts", new[] { new { address = "ciso@city.chiyoda.example.jp", role = "CISO", charset = "shift_jis" } }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, badCharset.StatusCode);
            Assert.Contains("BadCharset", await badCharset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var bad = await http.PutAsJsonAsync("api/v1/directory/131016/contacts", new[] { new { address = "a@b.jp\r\nBcc: c@d.jp", role = "CISO" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        using var unknown = await http.PutAsJsonAsync("api/v1/directory/112046/contacts", Array.Empty<object>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var export = await http.GetStringAsync("api/v1/directory/contacts.csv");
        Assert.Equal(
            ["code,address,role,charset", "011002,joho@city.sapporo.example.jp,情報政策課,utf-8", "131016,ciso@city.chiyoda.example.jp,CISO,utf-8",
                "131016,joho@city.chiyoda.example.jp,情報政策課,iso-2022-jp"],
            export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        http.DefaultRequestHeaders.Authorization = new("Bearer", await NetOpsCli.UserWithTokenAsync(DataDir, "aud1", "auditor"));
        var audit = await http.GetFromJsonAsync<JsonArray>("api/v1/audit?action=directory.contacts");
        Assert.Equal(["directory.contacts.import", "directory.contacts.replace"], audit!.Select(r => r!["action"]!.GetValue<string>()).Order());
        Assert.All(audit!, r => Assert.Equal("pub1", r!["actor"]!.GetValue<string>()));
    }
}
