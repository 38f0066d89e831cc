using System.Net.Http.Headers;
using System.Text.Json;

namespace NetOps.Integration.Tests.Support;

/// <summary>One site's findings and state through the HTTP API (<c>/api/v1/detections</c>, <c>/api/v1/sites</c>), as an operator with a token sees them.</summary>
public sealed class DetectionsApi(NetOpsProcess netOps, string token, string site)
{
    /// <summary>One detection as the API answers it.</summary>
    public sealed record Found(string Kind, DateTimeOffset Time, DateTimeOffset RecordedAt, JsonElement Json)
    {
        /// <summary>The kinds of its evidence (<c>link_down</c>, <c>bytes</c>, …), in order.</summary>
        public List<string> EvidenceKinds => Json.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToList();
    }

    public async Task<List<Found>> DetectionsAsync()
    {
        using var http = Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/detections?site={site}"));
        return doc.RootElement.EnumerateArray()
            .Select(e => new Found(e.GetProperty("kind").GetString()!, e.GetProperty("time").GetDateTimeOffset(), e.GetProperty("recordedAt").GetDateTimeOffset(), e.Clone()))
            .ToList();
    }

    /// <summary>The site's entry of <c>GET /api/v1/sites</c>.</summary>
    public async Task<JsonElement> SiteAsync()
    {
        using var http = Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/sites"));
        return doc.RootElement.EnumerateArray().Single(s => s.GetProperty("code").GetString() == site).Clone();
    }

    public async Task<List<Found>> WaitForAsync(Func<List<Found>, bool> done, TimeSpan timeout, string what = "the detections")
    {
        var deadline = DateTime.UtcNow + timeout;
        List<Found> found = [];
        while (DateTime.UtcNow < deadline)
        {
            if (done(found = await DetectionsAsync())) return found;
            await Task.Delay(300);
        }
        throw new TimeoutException($"{what} not found within {timeout}: {string.Join(", ", found.Select(f => f.Kind))}\n{netOps.Output}");
    }

    public async Task WaitForStateAsync(string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? seen = null;
        while (DateTime.UtcNow < deadline)
        {
            if ((seen = (await SiteAsync()).GetProperty("state").GetString()) == state) return;
            await Task.Delay(300);
        }
        throw new TimeoutException($"site {site} is {seen}, not {state}, after {timeout}\n{netOps.Output}");
    }

    private HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = netOps.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
