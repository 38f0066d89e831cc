namespace NetOps.Core.Audit;

/// <summary>The chain's last sequence and hash, kept beside it, so that deleting the newest records is caught too.</summary>
public sealed class AuditHead
{
    public int Id { get; set; } = 1;
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
}
