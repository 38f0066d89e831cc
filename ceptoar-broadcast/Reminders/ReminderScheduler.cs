using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Ceptoar.Delivery;
using NetOps.Core.Hosting;

namespace NetOps.Ceptoar.Reminders;

/// <summary>
/// The Broadcast role's reminder loop: every <see cref="ReminderOptions.Poll"/> it queues the due reminders and wakes
/// the sender. A failure (the state DB away, a race lost to another node's insert) is recorded on the loop (<c>/health</c>)
/// and the next pass tries again; nothing leaves the loop but a stop.
/// </summary>
public sealed class ReminderScheduler(
    ReminderStore store, DeliverySignal signal, BackgroundLoops loops, IOptions<ReminderOptions> options, IOptions<DeliveryOptions> delivery,
    TimeProvider time, ILogger<ReminderScheduler> logger) : BackgroundService
{
    private readonly BackgroundLoop _loop = loops.Register("ceptoar", "reminders");
    private readonly ReminderOptions _options = options.Value;
    // A reminder after its link expired would ask for a confirmation that can no longer be given.
    private readonly TimeSpan _window = TimeSpan.FromDays(delivery.Value.LinkDays);

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _loop.Stopping();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (_options.Max <= 0)
        {
            // Switched off: idle until the stop, so /health does not report the loop as ended.
            try { await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken); }
            catch (OperationCanceledException) { }
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int queued = await store.QueueDueAsync(_window, stoppingToken);
                if (queued > 0)
                {
                    logger.RemindersQueued(queued);
                    signal.Kick();
                }
                _loop.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _loop.Failed(e);
            }
            try { await Task.Delay(_options.Poll, time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
