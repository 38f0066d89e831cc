using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NetOps.Core.Inventory;

/// <summary>Polls the inventory revision every <c>Inventory:ReloadSeconds</c>; a failed poll is logged and retried, never fatal.</summary>
internal sealed partial class InventoryWatcher(LiveInventory inventory, IOptions<InventoryOptions> options, TimeProvider time, ILogger<InventoryWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.2, options.Value.ReloadSeconds));
        using var timer = new PeriodicTimer(period, time);
        int failures = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await inventory.RefreshAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The state DB may be restarting; keep the last good inventory and say so once per streak.
                if (failures++ == 0) PollFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(1093, LogLevel.Warning, "Inventory: cannot read the state DB ({Reason}); keeping the last inventory and retrying")]
    private static partial void PollFailed(ILogger logger, string reason);
}
