namespace NetOps.Core.Audit;

/// <summary>Who did it and from where: a signed-in person, the command line, or NetOps itself.</summary>
public sealed record AuditActor(string Name, string? Source)
{
    public static readonly AuditActor System = new("system", null);

    public static AuditActor CommandLine() => new($"cli:{Environment.UserName}", "cli");
}

/// <summary>One action to record. <paramref name="Before"/> and <paramref name="After"/> are serialised as JSON.</summary>
public sealed record AuditEntry(AuditActor Actor, string Action, string? Target, object? Before = null, object? After = null);
