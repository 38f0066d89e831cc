using Microsoft.Extensions.Hosting;

namespace NetOps.Collector;

/// <summary>Runs an inner hosted service when configuration turned it on; otherwise nothing.</summary>
internal sealed class OptionalHostedService(IHostedService? inner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => inner?.StartAsync(cancellationToken) ?? Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
