using NetOps.Core.Inventory;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

public static class SitesEndpoints
{
    /// <summary>
    /// A site as <c>GET /api/v1/sites</c> answers. <c>state</c> and <c>activeLine</c> come from the failover analyzer;
    /// until it has judged a site they are <c>unknown</c> and null.
    /// </summary>
    public sealed record SiteDto(string Code, string Name, string Prefecture, string? Parent, string State, string? ActiveLine, int Devices);

    public static void MapSites(this RouteGroupBuilder api) =>
        api.MapGet("/sites", (IInventorySource inventory, string? prefecture) =>
                inventory.Current.Sites
                    .Where(s => string.IsNullOrEmpty(prefecture) || s.Prefecture == prefecture)
                    .Select(s => new SiteDto(s.Code, s.Name, s.Prefecture, s.Parent, "unknown", null, s.Devices.Count)))
            .WithSummary("Every site with its state and active line").RequireAuthorization(NetOpsPolicies.SignedIn);
}
