namespace NetOps.Analyzer;

/// <summary><c>Analyzer</c> section. The part is not built yet; its options exist so configuration and roles are fixed.</summary>
public sealed class AnalyzerOptions
{
    public const string Section = "Analyzer";

    /// <summary><c>Analyzer:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;
}
