namespace NetOps.Alerting;

/// <summary><c>Alerting</c> section. The routing, grouping, silence and inhibition logic is built (Dispatch/, Silencing/, Inhibition/); the store, mail and pages are not wired yet.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary><c>Alerting:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;
}
