using NetOps.Ceptoar.Directory;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// The directory page's reads and actions. Each change re-checks <see cref="NetOpsPolicies.EditDirectory"/> for the
/// circuit's person and goes through <see cref="ContactStore"/>, which audits it in the same transaction.
/// </summary>
public sealed class DirectoryEditor(BodyDirectory bodies, ContactStore store, UiAuthorization authorization, CircuitClient client)
{
    /// <summary>A contacts CSV larger than this is refused, as the API does.</summary>
    public const long MaxCsvBytes = NetOps.Dashboard.Api.DirectoryEndpoints.MaxCsvBytes;

    public BodyDirectory Bodies => bodies;

    public Task<bool> CanEditAsync() => authorization.IsAllowedAsync(NetOpsPolicies.EditDirectory);

    public Task<IReadOnlyList<AdvisoryContact>> ContactsAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

    /// <summary>Replaces one body's contacts; answers the refused entries (nothing is stored then).</summary>
    public async Task<IReadOnlyList<ContactListError>> ReplaceAsync(string code, IReadOnlyList<(string? Address, string? Role, string? Charset)> entries, CancellationToken cancellationToken = default)
    {
        var user = await authorization.RequireAsync(NetOpsPolicies.EditDirectory);
        if (!bodies.Contains(code)) return [new ContactListError(-1, ContactRejectionReason.UnknownBody, $"no body has the code {code}")];
        var (contacts, errors) = ContactList.Check(code, entries);
        if (errors.Count > 0) return errors;
        await store.ReplaceAsync(code, contacts, client.ActorFor(user), cancellationToken);
        return [];
    }

    /// <summary>Imports a contacts CSV (<c>code,address,role</c>); the result names each refused line.</summary>
    public async Task<ContactImportResult> ImportAsync(Stream csv, string fileName, CancellationToken cancellationToken = default)
    {
        var user = await authorization.RequireAsync(NetOpsPolicies.EditDirectory);
        using var reader = new StreamReader(csv, new System.Text.UTF8Encoding(false, false));
        var import = ContactCsv.Read(new StringReader(await reader.ReadToEndAsync(cancellationToken)), bodies.Contains);
        return await store.ImportAsync(import, client.ActorFor(user), fileName, cancellationToken);
    }
}
