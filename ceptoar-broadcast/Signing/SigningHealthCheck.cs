using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NetOps.Ceptoar.Signing;

/// <summary><c>/health</c> entry <c>ceptoar-signing</c>: unhealthy with an expired certificate, degraded when unsigned or expiring soon.</summary>
public sealed class SigningHealthCheck(AdvisorySigner signer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (state, reason) = signer.Status();
        return Task.FromResult(state switch
        {
            SigningState.Valid => HealthCheckResult.Healthy(reason),
            SigningState.Expired => HealthCheckResult.Unhealthy(reason),
            _ => HealthCheckResult.Degraded(reason),
        });
    }
}
