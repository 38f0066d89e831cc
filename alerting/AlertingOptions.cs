namespace NetOps.Alerting;

/// <summary><c>Alerting</c> section. The part is not built yet; its options exist so configuration and roles are fixed.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary><c>Alerting:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;
}
