namespace NetOps.Core.Audit;

/// <summary>The result of checking the chain: intact with its length, or the first record that breaks it and why.</summary>
public sealed record AuditVerification(bool Intact, long Count, long? BrokenAt, string? Reason)
{
    public override string ToString() => Intact
        ? $"audit chain intact: {Count} records"
        : $"audit chain broken at record {BrokenAt}: {Reason}";
}
