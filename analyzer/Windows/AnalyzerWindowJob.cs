using Quartz;

namespace NetOps.Analyzer.Windows;

/// <summary>Runs the window detectors' due windows (once across all nodes: one job key, not concurrent).</summary>
[DisallowConcurrentExecution]
public sealed class AnalyzerWindowJob(WindowRunner runner) : IJob
{
    public static readonly JobKey Key = new("windows", "analyzer");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        => await runner.RunDueAsync(cancellationToken);
}
