namespace NetOps.Ceptoar.Directory;

/// <summary>A refused entry of a body's contact list: its position, the reason and a message.</summary>
public sealed record ContactListError(int Index, ContactRejectionReason Reason, string Message);

/// <summary>
/// Checks one body's contact list as a person edits it (the directory page, <c>PUT /api/v1/directory/{code}/contacts</c>):
/// each address one plain mailbox, each role 1 to <see cref="ContactCsv.MaxRoleLength"/> characters without control
/// characters, no address twice (case-insensitive), the charset (when given) one of <see cref="ContactCharsets"/>.
/// Values are trimmed; a charset not given stays null (the store keeps the stored one).
/// </summary>
public static class ContactList
{
    public static (IReadOnlyList<AdvisoryContact> Contacts, IReadOnlyList<ContactListError> Errors) Check(string code, IReadOnlyList<(string? Address, string? Role)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Check(code, entries.Select(e => (e.Address, e.Role, (string?)null)).ToList());
    }

    public static (IReadOnlyList<AdvisoryContact> Contacts, IReadOnlyList<ContactListError> Errors) Check(string code, IReadOnlyList<(string? Address, string? Role, string? Charset)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var contacts = new List<AdvisoryContact>();
        var errors = new List<ContactListError>();
        for (int i = 0; i < entries.Count; i++)
        {
            var address = entries[i].Address?.Trim() ?? "";
            var role = entries[i].Role?.Trim() ?? "";
            if (!ContactCsv.IsPlainAddress(address)) errors.Add(new(i, ContactRejectionReason.BadAddress, "not one mail address (local@domain)"));
            else if (role.Length is 0 or > ContactCsv.MaxRoleLength || role.Any(char.IsControl))
                errors.Add(new(i, ContactRejectionReason.BadRole, $"the role must be 1 to {ContactCsv.MaxRoleLength} characters"));
            else if (contacts.Any(c => c.Address.Equals(address, StringComparison.OrdinalIgnoreCase))) errors.Add(new(i, ContactRejectionReason.Duplicate, "the address is given twice"));
            else if (entries[i].Charset is { } given && given.Trim().Length > 0 && !ContactCharsets.TryNormalize(given, out _))
                errors.Add(new(i, ContactRejectionReason.BadCharset, $"the charset must be {ContactCharsets.Utf8} or {ContactCharsets.Iso2022Jp}"));
            else
            {
                string? charset = entries[i].Charset is { } c && c.Trim().Length > 0 && ContactCharsets.TryNormalize(c, out var name) ? name : null;
                contacts.Add(new AdvisoryContact(code, address, role, charset));
            }
        }
        return (contacts, errors);
    }
}
