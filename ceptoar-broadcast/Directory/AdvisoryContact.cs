namespace NetOps.Ceptoar.Directory;

/// <summary>
/// One advisory contact of a local government: where its advisories go, who reads them there (e.g. 情報政策課, CISO)
/// and the character set its mails are written in (<see cref="ContactCharsets"/>). <see cref="Charset"/> is null when
/// an edit or an import did not give one: the store then keeps the contact's stored charset (utf-8 for a new contact),
/// so that a client that does not know the field cannot reset it. Contacts read from the store always carry it.
/// </summary>
public sealed record AdvisoryContact(string Code, string Address, string Role, string? Charset = null)
{
    /// <summary>The charset its mails are written in.</summary>
    public string MailCharset => Charset ?? ContactCharsets.Utf8;
}
