using System.ComponentModel.DataAnnotations;

namespace NetOps.Core.Mail;

/// <summary>How the SMTP connection is secured (<c>Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same host or LAN).</summary>
    None,
    /// <summary>STARTTLS, required.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary><c>Smtp</c> (DESIGN.md): the relay every NetOps mail goes through.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary><c>Smtp:Host</c>.</summary>
    [Required] public string Host { get; set; } = "127.0.0.1";

    /// <summary><c>Smtp:Port</c>.</summary>
    [Range(1, 65535)] public int Port { get; set; } = 25;

    /// <summary><c>Smtp:Security</c>: none, starttls or tls.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    /// <summary><c>Smtp:User</c> (with <c>Smtp:Password</c>, from the environment: <c>NETOPS__Smtp__Password</c>).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary><c>Smtp:From</c>: the sender address of every mail.</summary>
    [Required] public string From { get; set; } = "netops@localhost";
}
