using Microsoft.AspNetCore.Mvc;
using NetOps.Core.Inventory;
using NetOps.Core.Inventory.Storage;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary>The inventory in its file form (DESIGN.md "Topology"): export, import, and one site at a time.</summary>
public static class InventoryEndpoints
{
    public static void MapInventory(this RouteGroupBuilder api)
    {
        var inventory = api.MapGroup("/inventory");

        inventory.MapGet("", (IInventorySource source) =>
                Results.Text(source.Current.ToJson(), "application/json; charset=utf-8"))
            .WithSummary("The whole inventory in its file form").RequireAuthorization(NetOpsPolicies.SignedIn);

        inventory.MapPut("", async ([FromBody] InventoryDocument document, HttpContext context, InventoryRepository repository, LiveInventory live) =>
            {
                SiteInventory parsed;
                try
                {
                    parsed = new SiteInventory(document.Sites ?? []);
                }
                catch (InventoryException e)
                {
                    return ApiEndpoints.Unprocessable(e.Message);
                }
                await repository.ReplaceAsync(parsed, HttpAuditActor.ForRequest(context), "inventory.import", "api", context.RequestAborted);
                await live.RefreshAsync(context.RequestAborted);
                return Results.Ok(new { sites = parsed.Sites.Count, devices = parsed.DeviceCount });
            })
            .WithSummary("Replace the whole inventory (import)").RequireAuthorization(NetOpsPolicies.EditInventory);

        inventory.MapGet("/sites/{code}", (string code, IInventorySource source) =>
                source.Current.FindSite(code) is { } site ? Results.Ok(site) : Results.NotFound())
            .WithSummary("One site with its devices").RequireAuthorization(NetOpsPolicies.SignedIn);

        inventory.MapPut("/sites/{code}", async (string code, [FromBody] Site site, HttpContext context, InventoryRepository repository, LiveInventory live) =>
            {
                if (site.Code != code) return ApiEndpoints.Unprocessable($"the body's code {site.Code} is not the path's {code}");
                try
                {
                    var change = await repository.SaveSiteAsync(site, HttpAuditActor.ForRequest(context), context.RequestAborted);
                    await live.RefreshAsync(context.RequestAborted);
                    return change.Before is null ? Results.Created($"/api/v1/inventory/sites/{code}", site) : Results.Ok(site);
                }
                catch (InventoryException e)
                {
                    return ApiEndpoints.Unprocessable(e.Message);
                }
            })
            .WithSummary("Add or replace one site").RequireAuthorization(NetOpsPolicies.EditInventory);

        inventory.MapDelete("/sites/{code}", async (string code, HttpContext context, InventoryRepository repository, LiveInventory live) =>
            {
                try
                {
                    if (!await repository.DeleteSiteAsync(code, HttpAuditActor.ForRequest(context), context.RequestAborted)) return Results.NotFound();
                    await live.RefreshAsync(context.RequestAborted);
                    return Results.NoContent();
                }
                catch (InventoryException e)
                {
                    return ApiEndpoints.Conflict(e.Message);
                }
            })
            .WithSummary("Remove one site").RequireAuthorization(NetOpsPolicies.EditInventory);
    }
}
