using System.Text.Json;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Csaf;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Ui;

/// <summary>
/// The advisory pages' reads and actions, one per circuit. Every action re-checks its policy for the circuit's person
/// (<see cref="NetOpsPolicies.WriteAdvisories"/>, <see cref="NetOpsPolicies.ApproveAdvisories"/>) and goes through
/// <see cref="AdvisoryStore"/>, which enforces four eyes and audits it in the same transaction; the pages do what
/// the API does. <see cref="Changed"/> passes on the sender's and the store's <see cref="DeliveryProgress"/>.
/// </summary>
public sealed class AdvisoryDesk : IDisposable
{
    /// <summary>A CSAF file larger than this is refused before it is read (the importer's own limit).</summary>
    public static readonly long MaxCsafBytes = new CsafImportOptions().MaxDocumentBytes;

    private readonly AdvisoryStore _store;
    private readonly CsafImporter _importer;
    private readonly UiAuthorization _authorization;
    private readonly CircuitClient _client;
    private readonly DeliveryProgress _progress;

    public AdvisoryDesk(AdvisoryStore store, CsafImporter importer, BodyDirectory bodies, UiAuthorization authorization, CircuitClient client, DeliveryProgress progress)
    {
        _store = store;
        _importer = importer;
        Bodies = bodies;
        _authorization = authorization;
        _client = client;
        _progress = progress;
        _progress.Changed += OnProgress;
    }

    /// <summary>An advisory changed in this process (its id); raised on the sender's thread, so handlers hand over to their renderer.</summary>
    public event Action<long>? Changed;

    public BodyDirectory Bodies { get; }

    public Task<bool> CanWriteAsync() => _authorization.IsAllowedAsync(NetOpsPolicies.WriteAdvisories);

    public Task<bool> CanApproveAsync() => _authorization.IsAllowedAsync(NetOpsPolicies.ApproveAdvisories);

    public async Task<IReadOnlyList<Advisory>> ListAsync(AdvisoryState? state, CancellationToken cancellationToken = default)
    {
        await _authorization.RequireAsync(NetOpsPolicies.ReadAdvisories);
        return await _store.ListAsync(state, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, DeliveryCounts>> TotalsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        await _authorization.RequireAsync(NetOpsPolicies.ReadAdvisories);
        return await _store.DeliveryTotalsAsync(ids, cancellationToken);
    }

    public async Task<Advisory?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await _authorization.RequireAsync(NetOpsPolicies.ReadAdvisories);
        return await _store.FindAsync(id, cancellationToken);
    }

    /// <summary>The same report as <c>GET /api/v1/advisories/{id}/deliveries</c>.</summary>
    public async Task<DeliveryReport?> DeliveriesAsync(long id, CancellationToken cancellationToken = default)
    {
        await _authorization.RequireAsync(NetOpsPolicies.ReadAdvisories);
        return await _store.DeliveriesAsync(id, cancellationToken);
    }

    /// <summary>Stores a draft; <paramref name="recipients"/> null for a correction or retraction, which goes to its original's recipients.</summary>
    public async Task<AdvisoryCreateResult> CreateAsync(AdvisoryDraft draft, RecipientSpec? recipients, CancellationToken cancellationToken = default)
    {
        var user = await _authorization.RequireAsync(NetOpsPolicies.WriteAdvisories);
        var errors = AdvisoryStore.ValidateContent(draft);
        if (errors.Count > 0) return new AdvisoryCreateResult(null, errors);
        return await _store.CreateAsync(draft, recipients, _client.ActorFor(user), cancellationToken);
    }

    /// <summary>A CSAF 2.0 file through the importer the API uses; the refusals name the rule and the JSON path.</summary>
    public async Task<(AdvisoryCreateResult? Created, IReadOnlyList<CsafError> Refusals)> ImportAsync(Stream csaf, RecipientSpec recipients, CancellationToken cancellationToken = default)
    {
        var user = await _authorization.RequireAsync(NetOpsPolicies.WriteAdvisories);
        var result = await _importer.ImportAsync(csaf, cancellationToken);
        if (!result.IsValid) return (null, result.Errors);
        return (await _store.CreateAsync(result.Draft, recipients, _client.ActorFor(user), cancellationToken), []);
    }

    public async Task<ApprovalOutcome> ApproveAsync(long id, CancellationToken cancellationToken = default)
    {
        var user = await _authorization.RequireAsync(NetOpsPolicies.ApproveAdvisories);
        return await _store.ApproveAsync(id, _client.ActorFor(user), cancellationToken);
    }

    public async Task<SendResult> SendAsync(long id, DateTimeOffset? at, CancellationToken cancellationToken = default)
    {
        var user = await _authorization.RequireAsync(NetOpsPolicies.WriteAdvisories);
        return await _store.SendAsync(id, at, _client.ActorFor(user), cancellationToken);
    }

    public async Task<bool?> CancelAsync(long id, CancellationToken cancellationToken = default)
    {
        var user = await _authorization.RequireAsync(NetOpsPolicies.WriteAdvisories);
        return await _store.CancelAsync(id, _client.ActorFor(user), cancellationToken);
    }

    public async Task<ResendResult> ResendFailedAsync(long id, CancellationToken cancellationToken = default)
    {
        var user = await _authorization.RequireAsync(NetOpsPolicies.WriteAdvisories);
        return await _store.ResendFailedAsync(id, _client.ActorFor(user), cancellationToken);
    }

    /// <summary>
    /// Reads a recipient list as the API's <c>recipients</c> array does: <c>all</c>, 2-digit prefecture codes and
    /// 6-digit body codes, separated by commas, spaces or line breaks. Null with the reason when it names nothing.
    /// </summary>
    public static RecipientSpec? ParseRecipients(IEnumerable<string> items, out string? error)
    {
        var list = items.SelectMany(i => i.Split([',', ' ', '\n', '\r', '\t', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(list));
        return RecipientSpec.TryParse(json.RootElement, out error);
    }

    private void OnProgress(long id) => Changed?.Invoke(id);

    public void Dispose() => _progress.Changed -= OnProgress;
}
