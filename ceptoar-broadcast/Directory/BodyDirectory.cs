using System.Collections.Frozen;
using NetOps.Core.Inventory;

namespace NetOps.Ceptoar.Directory;

/// <summary>A contact whose body is no longer in the directory (merged into another, or abolished): flagged, kept.</summary>
public sealed record OrphanedContact(AdvisoryContact Contact, string Reason);

/// <summary>The bodies a recipient group names, and the codes of it that name no current body.</summary>
public sealed record ResolvedRecipients(IReadOnlyList<Municipality> Bodies, IReadOnlyList<string> UnknownCodes);

/// <summary>
/// The advisory directory: every local government of the shipped municipality directory (1,788 bodies, keyed by
/// the 6-digit code with check digit), searchable by name, kana and code, and the groups an advisory is sent to.
/// </summary>
public sealed class BodyDirectory
{
    private readonly IReadOnlyList<Municipality> _bodies;
    private readonly FrozenDictionary<string, Municipality> _byCode;

    public BodyDirectory(IReadOnlyList<Municipality> bodies)
    {
        _bodies = bodies;
        _byCode = bodies.ToFrozenDictionary(b => b.Code, StringComparer.Ordinal);
    }

    /// <summary>The directory NetOps ships (<see cref="MunicipalityDirectory"/>).</summary>
    public static BodyDirectory Shipped { get; } = new(MunicipalityDirectory.Entries);

    public IReadOnlyList<Municipality> Bodies => _bodies;

    public Municipality? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>Bodies whose code starts with, or whose name or kana contains, <paramref name="query"/> (all when empty).</summary>
    public IEnumerable<Municipality> Search(string? query)
    {
        var q = query?.Trim();
        if (string.IsNullOrEmpty(q)) return _bodies;
        return _bodies.Where(b =>
            b.Code.StartsWith(q, StringComparison.Ordinal)
            || b.Name.Contains(q, StringComparison.Ordinal)
            || b.Kana.Contains(q, StringComparison.Ordinal)
            || b.Prefecture.Contains(q, StringComparison.Ordinal));
    }

    /// <summary>The bodies of <paramref name="group"/>, in code order, each once.</summary>
    public ResolvedRecipients Resolve(RecipientGroup group)
    {
        switch (group)
        {
            case RecipientGroup.All:
                return new(_bodies, []);
            case RecipientGroup.Prefecture p:
            {
                var bodies = _bodies.Where(b => b.PrefectureCode == p.PrefectureCode).ToList();
                return new(bodies, bodies.Count == 0 ? [p.PrefectureCode] : []);
            }
            case RecipientGroup.Codes c:
            {
                var unknown = new List<string>();
                var found = new SortedDictionary<string, Municipality>(StringComparer.Ordinal);
                foreach (var code in c.List)
                {
                    if (_byCode.TryGetValue(code, out var body)) found.TryAdd(code, body);
                    else if (!unknown.Contains(code)) unknown.Add(code);
                }
                return new(found.Values.ToList(), unknown);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(group), group, "unknown recipient group");
        }
    }

    /// <summary>
    /// The contacts of <paramref name="contacts"/> whose body this directory no longer has: a municipal merger
    /// folds a body's code into another's, and its contacts are shown flagged until someone moves or removes them.
    /// </summary>
    public IReadOnlyList<OrphanedContact> Orphaned(IEnumerable<AdvisoryContact> contacts) =>
        contacts.Where(c => !_byCode.ContainsKey(c.Code))
            .Select(c => new OrphanedContact(c, $"no body has the code {c.Code} any more (merged or abolished)"))
            .ToList();
}
