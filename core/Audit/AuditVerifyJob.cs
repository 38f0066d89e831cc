using Microsoft.Extensions.Logging;
using NetOps.Core.Metrics;
using Quartz;

namespace NetOps.Core.Audit;

/// <summary>Checks the audit chain every hour (once across all nodes) and publishes the result as a metric.</summary>
[DisallowConcurrentExecution]
public sealed partial class AuditVerifyJob(AuditLog audit, NetOpsMetrics metrics, ILogger<AuditVerifyJob> logger) : IJob
{
    public static readonly JobKey Key = new("audit-verify", "platform");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await audit.VerifyAsync(cancellationToken);
        metrics.AuditChainIntact.Set(result.Intact ? 1 : 0);
        metrics.AuditRecords.Set(result.Count);
        if (!result.Intact) ChainBroken(logger, result.BrokenAt ?? 0, result.Reason ?? "");
    }

    [LoggerMessage(1210, LogLevel.Critical, "Audit chain broken at record {Sequence}: {Reason}")]
    private static partial void ChainBroken(ILogger logger, long sequence, string reason);
}
