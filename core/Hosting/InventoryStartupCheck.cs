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
        foreach (var site in inventory.ImpliedSites)
            ParentImplied(logger, site.Code, site.Name, site.Parent ?? "-");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1090, LogLevel.Information, "Inventory: {Sites} sites, {Devices} devices")]
    private static partial void InventoryLoaded(ILogger logger, int sites, int devices);

    [LoggerMessage(1091, LogLevel.Information,
        "Inventory: site {Code} ({Name}, parent {Parent}) is not listed but is a parent; taken from the municipality directory, without devices")]
    private static partial void ParentImplied(ILogger logger, string code, string name, string parent);
}
