using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Core.Detections;
using NetOps.Core.Hosting;
using Quartz;

namespace NetOps.Alerting.Engine;

/// <summary>
/// Runs the engine: at start, when a detection is stored in this process, when a person acts, when a flush or a
/// step falls due, and every <c>Alerting:EvaluateSeconds</c> (detections stored by another node). Each escalation
/// step that will fall due is also a Quartz trigger in the state DB (<see cref="AlertingPassJob"/>), so a step is
/// not lost when this process dies: whichever node runs alerting fires it on time, or at its start if it was down.
/// </summary>
public sealed partial class AlertingLoop(
    AlertingEngine engine,
    EngineSignal signal,
    DetectionStore detections,
    StepTriggers triggers,
    AlertingMetrics metrics,
    BackgroundLoops loops,
    IOptions<AlertingOptions> options,
    TimeProvider time,
    ILogger<AlertingLoop> logger) : BackgroundService
{
    private readonly BackgroundLoop _loop = loops.Register("alerting", "engine");

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        detections.Published += OnDetection;
        detections.Amended += OnDetection;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        detections.Published -= OnDetection;
        detections.Amended -= OnDetection;
        _loop.Stopping();
        return base.StopAsync(cancellationToken);
    }

    private void OnDetection(Detection _) => signal.Kick();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _loop.RunAsync(() => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.EvaluateSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = every;
            try
            {
                var result = await engine.RunAsync(stoppingToken);
                await triggers.ScheduleAsync(result.StepsDue, stoppingToken);
                if (result.More) continue;
                if (result.NextDueAt is { } due)
                {
                    var until = due - time.GetUtcNow();
                    if (until < wait) wait = until < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : until;
                }
                _loop.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                metrics.PassFailures.Inc();
                _loop.Failed(e);
                PassFailed(logger, e);
                wait = TimeSpan.FromSeconds(2);
            }
            try { await signal.WaitAsync(wait, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    [LoggerMessage(1521, LogLevel.Error, "Alerting pass failed; trying again")]
    private static partial void PassFailed(ILogger logger, Exception ex);
}

/// <summary>The Quartz job of an escalation step: runs a pass (which pages the steps due, each once by its key).</summary>
[DisallowConcurrentExecution]
public sealed class AlertingPassJob(AlertingEngine engine, StepTriggers triggers) : IJob
{
    public static readonly JobKey Key = new("pass", "alerting");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await engine.RunAsync(cancellationToken);
        await triggers.ScheduleAsync(result.StepsDue, cancellationToken);
    }
}

/// <summary>One Quartz trigger per second at which a step falls due (several groups due together share it), kept in the state DB.</summary>
public sealed class StepTriggers(ISchedulerFactory schedulers)
{
    public const string Group = "alerting-steps";

    public async Task ScheduleAsync(IReadOnlyList<DateTimeOffset> due, CancellationToken cancellationToken)
    {
        if (due.Count == 0) return;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var at in due.Select(d => DateTimeOffset.FromUnixTimeSeconds(d.ToUnixTimeSeconds() + 1)).Distinct())
        {
            var key = new TriggerKey($"step-{at.ToUnixTimeSeconds()}", Group);
            if (await scheduler.Exists(key, cancellationToken)) continue;
            var trigger = TriggerBuilder.Create().WithIdentity(key).ForJob(AlertingPassJob.Key).StartAt(at)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            try { await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken); }
            catch (ObjectAlreadyExistsException) { } // another node scheduled the same second
        }
    }
}
