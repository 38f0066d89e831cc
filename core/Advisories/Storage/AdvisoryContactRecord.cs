namespace NetOps.Core.Advisories.Storage;

/// <summary>
/// One advisory contact of a local government (table <c>advisory_contacts</c>): the CEPTOAR broadcast sends to it, the
/// directory page edits it. <see cref="Code"/> is the body's 6-digit code; a row whose body left the directory (a
/// merger) is kept and flagged, never deleted by NetOps.
/// </summary>
public sealed class AdvisoryContactRecord
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Address { get; set; } = "";
    public string Role { get; set; } = "";
    /// <summary>The charset the contact's advisory mails are written in: <c>utf-8</c> or <c>iso-2022-jp</c> (older mail clients).</summary>
    public string Charset { get; set; } = "utf-8";
    public DateTimeOffset UpdatedAt { get; set; }
}
