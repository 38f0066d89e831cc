using System.Security.Claims;
using NetOps.Core.Audit;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// The browser's address, captured from the first (prerendered) request and handed to the circuit, which has no
/// HttpContext: the audit records a circuit writes name where the person sat.
/// </summary>
public sealed class CircuitClient
{
    public string? Address { get; set; }

    public AuditActor ActorFor(ClaimsPrincipal user) => HttpAuditActor.For(user, Address);
}
