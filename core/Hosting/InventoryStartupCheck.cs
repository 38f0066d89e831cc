using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetOps.Core.Inventory;

namespace NetOps.Core.Hosting;

/// <summary>Loads the inventory at start so that a bad file stops the process with its error, not the first message.</summary>
internal sealed partial class InventoryStartupCheck(IServiceProvider services, ILogger<InventoryStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var inventory = ((LiveInventory)services.GetService(typeof(LiveInventory))!).Current;
        InventoryLoaded(logger, inventory.Sites.Count, inventory.DeviceCount);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1090, LogLevel.Information, "Inventory: {Sites} sites, {Devices} devices")]
    private static partial void InventoryLoaded(ILogger logger, int sites, int devices);
}
