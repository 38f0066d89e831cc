using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NetOps.Core.Audit;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using NetOps.Core.State;
using NetOps.Core.Tests.State;
using NetOps.Testing;

namespace NetOps.Core.Tests.Inventory.Storage;

/// <summary>The inventory in the state DB on both providers: round trips, checked edits, revisions and their audit.</summary>
public sealed class InventoryRepositoryTests(SharedPostgresFixture postgres) : IClassFixture<SharedPostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly AuditActor Operator = new("yamada", "192.0.2.20");

    /// <summary>The national centre, one prefecture node and one municipality, each with a device.</summary>
    internal static SiteInventory Small() => new(
    [
        new Site { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00", Devices = [Router("000000-rt1", "127.16.0.1")] },
        new Site { Code = "350001", Name = "山口県", Prefecture = "35", Parent = "000000", Devices = [Router("350001-rt1", "127.16.1.1")] },
        new Site { Code = "352012", Name = "下関市", Prefecture = "35", Parent = "350001", Prefixes = ["10.0.2.0/24"], Devices = [Router("352012-rt1", "127.16.2.1")] },
    ]);

    internal static Device Router(string name, params string[] addresses) =>
        new() { Name = name, Kind = "router", Line = "primary", Addresses = [.. addresses] };

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task An_edit_whose_audit_record_cannot_be_written_is_not_stored_either(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        var repository = db.NewInventoryRepository();
        await repository.ReplaceAsync(Small(), Operator, cancellationToken: Ct);
        long revision = await repository.RevisionAsync(Ct);
        // The audit table refuses every new row: the change and its record commit together or not at all.
        await db.ExecuteAsync("ALTER TABLE audit_head RENAME TO audit_head_away", Ct);

        var ube = new Site { Code = "352021", Name = "宇部市", Prefecture = "35", Parent = "350001", Devices = [Router("352021-rt1", "127.16.3.1")] };
        await Assert.ThrowsAnyAsync<Exception>(() => repository.SaveSiteAsync(ube, Operator, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => repository.DeleteSiteAsync("352012", Operator, Ct));

        var after = await repository.LoadAsync(Ct);
        Assert.Null(after.FindSite("352021"));
        Assert.NotNull(after.FindSite("352012"));
        Assert.Equal(revision, await repository.RevisionAsync(Ct));
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task The_demo_inventory_round_trips_with_fields_the_model_does_not_know(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        // The file form as an operator writes it: fields NetOps' model does not name must survive the DB.
        var document = JsonNode.Parse(DemoInventory.Generate().ToJson())!;
        var shimonoseki = document["sites"]!.AsArray().Single(s => (string?)s!["code"] == "352012")!;
        shimonoseki["note"] = "本庁舎";
        shimonoseki["devices"]![0]!["charset"] = "shift_jis";
        shimonoseki["devices"]![0]!["rack"] = new JsonObject { ["room"] = "B", ["unit"] = 3 };
        shimonoseki["devices"]![0]!["snmp"] = new JsonObject { ["credential"] = "noc", ["port"] = 1161 };
        var file = Path.Combine(db.Directory, "inventory.json");
        await File.WriteAllTextAsync(file, document.ToJsonString(), Ct);
        var original = SiteInventory.Load(file);
        var repository = db.NewInventoryRepository();

        await repository.ReplaceAsync(original, Operator, source: file, cancellationToken: Ct);
        var loaded = await db.NewInventoryRepository(db.NewFactory()).LoadAsync(Ct);

        Assert.Equal(original.Sites.Count, loaded.Sites.Count);
        Assert.Equal(original.DeviceCount, loaded.DeviceCount);
        Assert.Equal(JsonNode.Parse(original.ToJson())!.ToJsonString(), JsonNode.Parse(loaded.ToJson())!.ToJsonString());
        var device = JsonNode.Parse(loaded.ToJson())!["sites"]!.AsArray().Single(s => (string?)s!["code"] == "352012")!;
        Assert.Equal("本庁舎", (string?)device["note"]);
        Assert.Equal("shift_jis", (string?)device["devices"]![0]!["charset"]);
        Assert.Equal(3, (int?)device["devices"]![0]!["rack"]!["unit"]);
        Assert.Equal(1161, (int?)device["devices"]![0]!["snmp"]!["port"]);
        Assert.Equal("352012", loaded.FindByAddress(System.Net.IPAddress.Parse(original.FindSite("352012")!.Devices[0].Addresses[0]))?.Site.Code);
        Assert.Equal(1, await repository.RevisionAsync(Ct));
        var audit = Assert.Single(await db.NewAuditLog().QueryAsync(new AuditQuery(Action: "inventory.import"), Ct));
        Assert.Contains($"\"sites\":{original.Sites.Count}", audit.After);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Saving_a_site_with_another_devices_address_is_refused_and_stores_nothing(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        var repository = db.NewInventoryRepository();
        await repository.ReplaceAsync(Small(), Operator, cancellationToken: Ct);
        long revision = await repository.RevisionAsync(Ct);
        var clash = new Site { Code = "352021", Name = "宇部市", Prefecture = "35", Parent = "350001", Devices = [Router("352021-rt1", "127.16.2.1")] };

        var refused = await Assert.ThrowsAsync<InventoryException>(() => repository.SaveSiteAsync(clash, Operator, Ct));
        var unknownParent = new Site { Code = "352021", Name = "宇部市", Prefecture = "35", Parent = "359999", Devices = [Router("352021-rt1", "127.16.3.1")] };
        await Assert.ThrowsAsync<InventoryException>(() => repository.SaveSiteAsync(unknownParent, Operator, Ct));

        Assert.Contains("127.16.2.1", refused.Message);
        Assert.Contains("belongs to another device", refused.Message);
        Assert.Equal(revision, await repository.RevisionAsync(Ct));
        Assert.Null((await repository.LoadAsync(Ct)).FindSite("352021"));
        Assert.Single(await db.NewAuditLog().QueryAsync(new AuditQuery(), Ct)); // the import only
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Saving_a_site_bumps_the_revision_and_audits_it_before_and_after(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        var repository = db.NewInventoryRepository();
        await repository.ReplaceAsync(Small(), Operator, cancellationToken: Ct);
        var renamed = InventoryMapping.Clone((await repository.LoadAsync(Ct)).FindSite("352012")!);
        renamed.Name = "下関市役所";
        renamed.Devices.Add(Router("352012-rt2", "127.16.2.2"));
        var added = new Site { Code = "352021", Name = "宇部市", Prefecture = "35", Parent = "350001", Devices = [Router("352021-rt1", "127.16.3.1")] };

        var update = await repository.SaveSiteAsync(renamed, Operator, Ct);
        var create = await repository.SaveSiteAsync(added, Operator, Ct);

        Assert.Equal("下関市", update.Before?.Name);
        Assert.Null(create.Before);
        Assert.Equal(3, await repository.RevisionAsync(Ct));
        var loaded = await repository.LoadAsync(Ct);
        Assert.Equal("下関市役所", loaded.FindSite("352012")!.Name);
        Assert.Equal(["352012-rt1", "352012-rt2"], loaded.FindSite("352012")!.Devices.Select(d => d.Name));
        Assert.Equal(["10.0.2.0/24"], loaded.FindSite("352012")!.Prefixes);
        Assert.Equal("352021", loaded.FindByName("352021-rt1")?.Site.Code);
        var records = await db.NewAuditLog().QueryAsync(new AuditQuery(Action: "inventory.site", Ascending: true), Ct);
        Assert.Equal(["inventory.site.update", "inventory.site.create"], records.Select(r => r.Action));
        Assert.All(records, r => Assert.Equal(("yamada", "192.0.2.20"), (r.Actor, r.Source)));
        Assert.Equal("352012", records[0].Target);
        Assert.Contains("\"下関市\"", records[0].Before);
        Assert.DoesNotContain("352012-rt2", records[0].Before);
        Assert.Contains("\"下関市役所\"", records[0].After);
        Assert.Contains("352012-rt2", records[0].After);
        Assert.Null(records[1].Before);
        await using var context = db.Factory.CreateDbContext();
        Assert.Equal("yamada", (await context.InventoryRevisions.SingleAsync(Ct)).ChangedBy);
        Assert.True((await db.NewAuditLog().VerifyAsync(Ct)).Intact);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task A_parent_site_cannot_be_deleted_and_a_leaf_can(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        var repository = db.NewInventoryRepository();
        await repository.ReplaceAsync(Small(), Operator, cancellationToken: Ct);

        var refused = await Assert.ThrowsAsync<InventoryException>(() => repository.DeleteSiteAsync("350001", Operator, Ct));
        Assert.True(await repository.DeleteSiteAsync("352012", Operator, Ct));
        Assert.False(await repository.DeleteSiteAsync("352012", Operator, Ct));

        Assert.Contains("352012", refused.Message);
        var loaded = await repository.LoadAsync(Ct);
        Assert.Equal(["000000", "350001"], loaded.Sites.Select(s => s.Code));
        Assert.Null(loaded.FindByName("352012-rt1"));
        await using var context = db.Factory.CreateDbContext();
        Assert.Equal(2, await context.Devices.CountAsync(Ct));
        var record = Assert.Single(await db.NewAuditLog().QueryAsync(new AuditQuery(Action: "inventory.site.delete"), Ct));
        Assert.Contains("下関市", record.Before);
        Assert.Null(record.After);
    }

    [Theory]
    [InlineData(StateDbProvider.Sqlite)]
    [InlineData(StateDbProvider.Postgres)]
    public async Task Two_nodes_adding_sites_that_clash_store_only_the_first(StateDbProvider provider)
    {
        await using var db = await TestStateDb.CreateAsync(provider, postgres, Ct);
        await db.NewInventoryRepository().ReplaceAsync(Small(), Operator, cancellationToken: Ct);
        var nodes = new[] { db.NewInventoryRepository(db.NewFactory()), db.NewInventoryRepository(db.NewFactory()) };
        // Each is valid alone; together two devices would share 127.16.9.1.
        var sites = new[]
        {
            new Site { Code = "352021", Name = "宇部市", Prefecture = "35", Parent = "350001", Devices = [Router("352021-rt1", "127.16.9.1")] },
            new Site { Code = "352039", Name = "山口市", Prefecture = "35", Parent = "350001", Devices = [Router("352039-rt1", "127.16.9.1")] },
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            try { await nodes[i].SaveSiteAsync(sites[i], Operator, Ct); return true; }
            catch (InventoryException) { return false; }
        }, Ct)));

        Assert.Equal(1, results.Count(stored => stored));
        var loaded = await nodes[0].LoadAsync(Ct);
        Assert.Equal(4, loaded.Sites.Count);
    }
}
