using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetOps.Simulator;

/// <summary>
/// Records the simulator's drills in NetOps (POST /api/v1/drills, then …/end), so that a simulated drill is a drill
/// there: its alerts marked and paged to the drill roster, its report scored. A NetOps that cannot be reached costs the
/// drill its record, never the drill itself: the failure is said once per drill on the console.
/// </summary>
public sealed class DrillRegistry(HttpClient http, IReadOnlyList<string> roster, TextWriter output)
{
    /// <summary>A client of NetOps' API at <paramref name="api"/> with the bearer <paramref name="token"/>, or null without an address.</summary>
    public static HttpClient? Client(Uri? api, string? token)
    {
        if (api is null) return null;
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        if (!string.IsNullOrEmpty(token)) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Records a drill of <paramref name="site"/> about to run for <paramref name="hold"/>; its id, or null when NetOps refused.</summary>
    public async Task<long?> StartAsync(SimulatedSite site, TimeSpan hold, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("api/v1/drills", new
            {
                title = $"シミュレーション訓練 {site.Name}",
                sites = new[] { site.Code },
                scenario = "primary_down_then_switchback",
                roster,
                durationMinutes = Math.Ceiling(hold.TotalMinutes) + 5,
                origin = "simulator",
            }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await output.WriteLineAsync($"drill: NetOps did not record the drill of {site.Code} ({(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)})");
                return null;
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return doc.RootElement.GetProperty("id").GetInt64();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync($"drill: NetOps did not record the drill of {site.Code} ({e.Message})");
            return null;
        }
    }

    public async Task EndAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsync($"api/v1/drills/{id}/end", null, cancellationToken);
            if (!response.IsSuccessStatusCode) await output.WriteLineAsync($"drill: NetOps did not end drill {id} ({(int)response.StatusCode})");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync($"drill: NetOps did not end drill {id} ({e.Message})");
        }
    }
}
