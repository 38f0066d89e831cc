using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NetOps.Core.State;

/// <summary>/health entry for the state DB: unhealthy (503) with the reason when it cannot be reached.</summary>
internal sealed class StateDbHealthCheck(IDbContextFactory<NetOpsDbContext> contexts, StateDbConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(connection.IsPostgres ? "postgres" : "sqlite")
                : HealthCheckResult.Unhealthy($"state DB ({connection.Provider}) cannot be reached");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"state DB ({connection.Provider}): {e.Message}");
        }
    }
}
