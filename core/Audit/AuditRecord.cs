namespace NetOps.Core.Audit;

/// <summary>
/// One human action, append-only and chained: <see cref="Hash"/> is SHA-256 over the record's canonical form, which
/// includes <see cref="PreviousHash"/> (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditRecord
{
    /// <summary>1, 2, 3, … without gaps.</summary>
    public long Sequence { get; set; }
    /// <summary>UTC, whole microseconds (what both SQLite and PostgreSQL keep exactly).</summary>
    public DateTimeOffset Time { get; set; }
    /// <summary>User name, <c>cli:NAME</c> for the command line, <c>system</c>, or <c>anonymous</c>.</summary>
    public string Actor { get; set; } = "";
    /// <summary>Where from: the client address, or <c>cli</c>.</summary>
    public string? Source { get; set; }
    /// <summary><c>auth.sign_in</c>, <c>user.create</c>, <c>inventory.site.update</c>, …</summary>
    public string Action { get; set; } = "";
    /// <summary>What it was done to: a user name, a site code, an alert id.</summary>
    public string? Target { get; set; }
    /// <summary>JSON of the state before, or null.</summary>
    public string? Before { get; set; }
    /// <summary>JSON of the state after, or null.</summary>
    public string? After { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
