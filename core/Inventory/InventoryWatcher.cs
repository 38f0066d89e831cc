using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;

namespace NetOps.Core.Inventory;

/// <summary>
/// Polls the inventory revision every <c>Inventory:ReloadSeconds</c>. A failed poll (the state DB restarting) keeps the
/// last good inventory, is counted and logged by its <see cref="BackgroundLoop"/>, and shows on <c>/health</c> until a
/// poll succeeds again; the loop never ends on an error.
/// </summary>
internal sealed class InventoryWatcher(LiveInventory inventory, IOptions<InventoryOptions> options, TimeProvider time, BackgroundLoops loops) : BackgroundService
{
    private readonly BackgroundLoop _loop = loops.Register("inventory", "reload");

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Before the token is cancelled: the loop's end from here on is the stop, not a loop that died.
        _loop.Stopping();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        return _loop.RunAsync(async () =>
        {
            var period = TimeSpan.FromSeconds(Math.Max(0.2, options.Value.ReloadSeconds));
            using var timer = new PeriodicTimer(period, time);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await inventory.RefreshAsync(stoppingToken);
                    _loop.Succeeded();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    _loop.Failed(e);
                }
            }
        });
    }
}
