using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Platform;

/// <summary>The inventory lives in the state DB: a change made by another process reaches the running collector within seconds.</summary>
public sealed class InventoryLiveReloadTests : IAsyncLifetime
{
    private InfluxServer _influx = null!;
    private NetOpsProcess _netops = null!;
    private InfluxQuery _query = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-inv-").FullName;
    private string DataDir => Path.Combine(_dir, "data");

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        _query = new InfluxQuery(_influx.Url);
        var inventory = TestInventory.Write(_dir);
        _netops = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null, $"--Inventory:Path={inventory}", "--Inventory:ReloadSeconds=1");
    }

    public async ValueTask DisposeAsync()
    {
        await _netops.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_device_imported_by_the_cli_is_resolved_by_the_running_collector_within_seconds()
    {
        var source = IPAddress.Parse("127.0.0.9");
        var before = Guid.NewGuid().ToString("N")[..12];
        Peers.SendUdp(source, _netops.SyslogPort, [$"<187>Dec  1 10:00:00 ube-rt1 %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down {before}"]);
        var unknown = Assert.Single(await _query.WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{before}/"));
        Assert.Equal("unknown", unknown["site"].GetString());

        // An operator adds 宇部市 with its router at 127.0.0.9, from another process, while NetOps runs.
        var file = Path.Combine(_dir, "edited.json");
        (await NetOpsCli.RunAsync(DataDir, ["inventory", "export", file])).EnsureSuccess();
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        doc["sites"]!.AsArray().Add(JsonNode.Parse("""
            { "code": "352021", "name": "宇部市", "prefecture": "35", "parent": "350001",
              "devices": [ { "name": "ube-rt1", "kind": "router", "line": "primary", "addresses": ["127.0.0.9"], "charset": "shift_jis" } ] }
            """));
        await File.WriteAllTextAsync(file, doc.ToJsonString());
        var import = (await NetOpsCli.RunAsync(DataDir, ["inventory", "import", file])).EnsureSuccess();
        Assert.Contains("imported 4 sites and 4 devices", import.Stdout);

        var changedAt = DateTime.UtcNow;
        string? site = null;
        while (DateTime.UtcNow - changedAt < TimeSpan.FromSeconds(20) && site != "352021")
        {
            var m = Guid.NewGuid().ToString("N")[..12];
            Peers.SendUdp(source, _netops.SyslogPort, [$"<187>Dec  1 10:00:01 ube-rt1 %LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to down {m}"]);
            var row = Assert.Single(await _query.WaitRowsAsync($"SELECT * FROM event WHERE message =~ /{m}/"));
            site = row["site"].GetString();
        }
        Assert.Equal("352021", site);
        Assert.True(DateTime.UtcNow - changedAt < TimeSpan.FromSeconds(15), $"took {DateTime.UtcNow - changedAt}");

        // The added field survives the DB, and the import is in the audit chain, which is intact.
        var exported = (await NetOpsCli.RunAsync(DataDir, ["inventory", "export", "-"])).EnsureSuccess().Stdout;
        Assert.Contains("\"charset\": \"shift_jis\"", exported);
        var verify = await NetOpsCli.RunAsync(DataDir, ["audit", "verify"]);
        Assert.Equal(0, verify.ExitCode);
        var csv = (await NetOpsCli.RunAsync(DataDir, ["audit", "export", "-"])).EnsureSuccess().Stdout;
        Assert.Contains(",cli:", csv);
        Assert.Contains("inventory.import", csv);
    }

    [Fact]
    public async Task An_operator_edits_one_site_through_the_api_and_an_oncall_user_may_not()
    {
        var operatorToken = await NetOpsCli.UserWithTokenAsync(DataDir, "noc1", "operator");
        var oncallToken = await NetOpsCli.UserWithTokenAsync(DataDir, "pager1", "oncall");
        using var http = new HttpClient { BaseAddress = _netops.BaseUri };
        var site = JsonNode.Parse("""
            { "code": "352021", "name": "宇部市", "prefecture": "35", "parent": "350001",
              "devices": [ { "name": "ube-fw1", "kind": "firewall", "addresses": ["127.0.0.10"] } ] }
            """)!;

        using var anonymous = await http.PutAsJsonAsync("api/v1/inventory/sites/352021", site);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", oncallToken);
        using var forbidden = await http.PutAsJsonAsync("api/v1/inventory/sites/352021", site);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        http.DefaultRequestHeaders.Authorization = new("Bearer", operatorToken);
        using var created = await http.PutAsJsonAsync("api/v1/inventory/sites/352021", site);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dup = JsonNode.Parse(site.ToJsonString())!;
        dup["devices"]![0]!["addresses"] = new JsonArray("127.0.0.1"); // shimonoseki-rt1's
        using var refused = await http.PutAsJsonAsync("api/v1/inventory/sites/352021", dup);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("belongs to another device", await refused.Content.ReadAsStringAsync());

        var audit = await http.GetFromJsonAsync<JsonArray>("api/v1/audit?action=inventory.site");
        var record = Assert.Single(audit!);
        Assert.Equal("noc1", record!["actor"]!.GetValue<string>());
        Assert.Equal("inventory.site.create", record["action"]!.GetValue<string>());
        Assert.Contains("ube-fw1", record["after"]!.GetValue<string>());
    }
}
