namespace NetOps.Ceptoar;

/// <summary><c>Ceptoar</c> section. The part is not built yet; its options exist so configuration and roles are fixed.</summary>
public sealed class CeptoarOptions
{
    public const string Section = "Ceptoar";

    /// <summary><c>Ceptoar:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;
}
