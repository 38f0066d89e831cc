using NetOps.Core.Detections;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Api;

/// <summary><c>GET /api/v1/detections</c>: what the analyzer found, with evidence and phase durations.</summary>
public static class DetectionsEndpoints
{
    public sealed record DetectionDto(string Id, DateTimeOffset Time, string Site, string? SiteName, string Detector, string Kind, double Score,
        double? Value, double? Expected, string Message, string? Line, IReadOnlyDictionary<string, double> Durations,
        IReadOnlyList<DetectionEvidence> Evidence, bool Rerun, DateTimeOffset? RecordedAt);

    public static void MapDetections(this RouteGroupBuilder api) =>
        api.MapGet("/detections", async (string? site, string? kind, string? prefecture, string? detector, DateTimeOffset? from, DateTimeOffset? to, int? limit,
                DetectionStore store, IInventorySource inventory, CancellationToken ct) =>
            {
                var kinds = new List<DetectionKind>();
                foreach (var k in (kind ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!DetectionKinds.TryParse(k, out var parsed))
                        return Results.Problem(detail: $"kind: '{k}' is not one of {string.Join(", ", DetectionKinds.All)}", statusCode: StatusCodes.Status400BadRequest);
                    kinds.Add(parsed);
                }
                var inv = inventory.Current;
                IReadOnlyCollection<string>? sites = string.IsNullOrEmpty(site)
                    ? null
                    : site.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                sites = inv.Narrow(sites, prefecture);
                var found = await store.QueryAsync(new DetectionFilter
                {
                    Sites = sites, Kinds = kinds, Detector = detector, From = from, To = to, Limit = limit ?? 500,
                }, ct);
                return Results.Ok(found.Select(d => new DetectionDto(d.Id, d.Time, d.Site, inv.FindSite(d.Site)?.Name, d.Detector, d.Kind.ToTag(), d.Score,
                    d.Value, d.Expected, d.Message, d.Line, d.Durations, d.Evidence, d.Rerun, d.RecordedAt)).ToList());
            })
            .WithSummary("Detections, newest first (site, kind, prefecture, detector, from, to, limit)").RequireAuthorization(NetOpsPolicies.SignedIn);
}
