using System.Text.Json;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// The inventory page's actions: each re-checks <see cref="NetOpsPolicies.EditInventory"/> for the circuit's person,
/// stores through <see cref="InventoryRepository"/> (which validates and audits), and reloads
/// <see cref="LiveInventory"/> so that the page shows the change at once.
/// </summary>
public sealed class InventoryEditor(InventoryRepository repository, LiveInventory live, UiAuthorization authorization, CircuitClient client)
{
    private static readonly JsonSerializerOptions FileJson = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public SiteInventory Current => live.Current;

    public Task<bool> CanEditAsync() => authorization.IsAllowedAsync(NetOpsPolicies.EditInventory);

    public async Task SaveSiteAsync(Site site, CancellationToken cancellationToken = default)
    {
        var user = await authorization.RequireAsync(NetOpsPolicies.EditInventory);
        await repository.SaveSiteAsync(site, client.ActorFor(user), cancellationToken);
        await live.RefreshAsync(cancellationToken);
    }

    public async Task<bool> DeleteSiteAsync(string code, CancellationToken cancellationToken = default)
    {
        var user = await authorization.RequireAsync(NetOpsPolicies.EditInventory);
        bool deleted = await repository.DeleteSiteAsync(code, client.ActorFor(user), cancellationToken);
        await live.RefreshAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Replaces the inventory with a file in its DESIGN.md form; throws <see cref="InventoryException"/> naming the problem.</summary>
    public async Task<(int Sites, int Devices)> ImportAsync(Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        var user = await authorization.RequireAsync(NetOpsPolicies.EditInventory);
        InventoryDocument doc;
        try
        {
            doc = await JsonSerializer.DeserializeAsync<InventoryDocument>(file, FileJson, cancellationToken)
                  ?? throw new InventoryException($"{fileName}: empty document");
        }
        catch (JsonException e)
        {
            throw new InventoryException($"{fileName}: not an inventory file ({e.Message})", e);
        }
        if (doc.Sites.Count == 0) throw new InventoryException($"{fileName}: no sites (the file form is {{ \"sites\": [ … ] }})");
        var inventory = new SiteInventory(doc.Sites);
        await repository.ReplaceAsync(inventory, client.ActorFor(user), source: fileName, cancellationToken: cancellationToken);
        await live.RefreshAsync(cancellationToken);
        return (inventory.Sites.Count, inventory.DeviceCount);
    }
}
