using NetOps.Core.Inventory;
using NetOps.Core.Sites;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

public static class SitesEndpoints
{
    /// <summary>
    /// A site as <c>GET /api/v1/sites</c> answers. <c>state</c> and <c>activeLine</c> come from the failover analyzer
    /// (the state DB, so any node answers the same); until it has judged a site they are <c>unknown</c> and null.
    /// </summary>
    public sealed record SiteDto(string Code, string Name, string Prefecture, string? Parent, string State, string? ActiveLine, int Devices,
        DateTimeOffset? StateSince, string? StateReason);

    public static void MapSites(this RouteGroupBuilder api) =>
        api.MapGet("/sites", async (IInventorySource inventory, SiteStateStore states, string? prefecture, string? state, CancellationToken ct) =>
            {
                var known = await states.GetAllAsync(ct);
                return inventory.Current.Sites
                    .Where(s => string.IsNullOrEmpty(prefecture) || s.Prefecture == prefecture)
                    .Select(s => known.TryGetValue(s.Code, out var st) && st.State != SiteState.Unknown
                        ? new SiteDto(s.Code, s.Name, s.Prefecture, s.Parent, st.State.ToTag(), st.ActiveLine == "none" ? null : st.ActiveLine, s.Devices.Count, st.Since, st.Reason)
                        : new SiteDto(s.Code, s.Name, s.Prefecture, s.Parent, "unknown", null, s.Devices.Count, null, null))
                    .Where(s => string.IsNullOrEmpty(state) || s.State == state)
                    .ToList();
            })
            .WithSummary("Every site with its state and active line (prefecture, state)").RequireAuthorization(NetOpsPolicies.SignedIn);
}
