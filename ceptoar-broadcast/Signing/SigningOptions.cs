using System.ComponentModel.DataAnnotations;

namespace NetOps.Ceptoar.Signing;

/// <summary>
/// <c>Ceptoar:Signing</c> (DESIGN.md): the certificate advisory mails are S/MIME signed with, as PEM
/// (<c>CertificatePath</c> and <c>KeyPath</c>) or as one PKCS#12 file (<c>CertificatePath</c> and <c>Password</c>).
/// </summary>
public sealed class SigningOptions
{
    public const string Section = "Ceptoar:Signing";

    /// <summary><c>Ceptoar:Signing:CertificatePath</c>: a PEM certificate (with <c>KeyPath</c>) or a PKCS#12 file (.p12, .pfx).</summary>
    public string? CertificatePath { get; set; }

    /// <summary><c>Ceptoar:Signing:KeyPath</c>: the PEM private key of a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary><c>Ceptoar:Signing:Password</c>: the PKCS#12 file's password (from the environment: <c>NETOPS__Ceptoar__Signing__Password</c>).</summary>
    public string? Password { get; set; }

    /// <summary><c>Ceptoar:Signing:ExpiryWarningDays</c>: <c>/health</c> warns this many days before the certificate expires.</summary>
    [Range(0, 3650)] public int ExpiryWarningDays { get; set; } = 30;

    public bool IsPkcs12 => CertificatePath is { } p && (p.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase));
}
