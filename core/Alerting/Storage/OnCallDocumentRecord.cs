namespace NetOps.Core.Alerting.Storage;

/// <summary>An on-call schedule, policy or the route list as edited in the UI or the API (table <c>oncall_documents</c>), in the API's JSON shape.</summary>
public sealed class OnCallDocumentRecord
{
    /// <summary>schedule, policy or routes.</summary>
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
    public string Json { get; set; } = "{}";
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}
