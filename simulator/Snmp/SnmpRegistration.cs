using System.Net.Http.Json;
using System.Text.Json;

using NetOps.Core.Inventory;

namespace NetOps.Simulator.Snmp;

/// <summary>
/// Marks the simulated sites' routers for SNMP polling in NetOps' inventory, the way an operator would on the
/// inventory page: each site is read (GET /api/v1/inventory/sites/{code}), its two routers get an <c>snmp</c> block
/// naming the credential, port and interval, and the site is saved (PUT), one audited change per site. A site that
/// already says so is left as it is. The credential's community is NetOps' configuration, never the inventory's.
/// </summary>
public static class SnmpRegistration
{
    public static async Task<int> RegisterAsync(HttpClient http, IReadOnlyList<SimulatedSite> sites, string credential, int port,
        int intervalSeconds, TextWriter output, CancellationToken cancellationToken)
    {
        int changed = 0, failed = 0;
        string? firstProblem = null;
        foreach (var simulated in sites)
        {
            try
            {
                var site = await http.GetFromJsonAsync<Site>($"api/v1/inventory/sites/{Uri.EscapeDataString(simulated.Code)}", cancellationToken);
                if (site is null) continue;
                bool change = false;
                foreach (var device in site.Devices)
                {
                    if (device.Name != simulated.PrimaryRouter.Name && device.Name != simulated.BackupRouter.Name) continue;
                    if (device.Snmp is { } s && s.Credential == credential && s.EffectivePort == port && s.EffectiveIntervalSeconds == intervalSeconds) continue;
                    device.Snmp = new DeviceSnmp { Credential = credential, Port = port, IntervalSeconds = intervalSeconds };
                    change = true;
                }
                if (!change) continue;
                using var response = await http.PutAsJsonAsync($"api/v1/inventory/sites/{Uri.EscapeDataString(simulated.Code)}", site, cancellationToken);
                if (response.IsSuccessStatusCode) changed++;
                else
                {
                    failed++;
                    firstProblem ??= $"{simulated.Code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                failed++;
                firstProblem ??= $"{simulated.Code}: {e.Message}";
            }
        }
        await output.WriteLineAsync(failed == 0
            ? $"snmp: {changed} sites' routers marked for polling in NetOps' inventory (credential '{credential}', every {intervalSeconds} s)"
            : $"snmp: NetOps' inventory refused {failed} of {sites.Count} sites' SNMP settings (first: {firstProblem})");
        return failed;
    }
}
