using NetOps.Core.Sites;

namespace NetOps.Dashboard.Ui.Board;

/// <summary>The municipality list's search, filters and sort (pure; the page and the tests use it).</summary>
public static class MunicipalityList
{
    /// <summary>
    /// Sites matching <paramref name="query"/> (code prefix, name, or kana in hiragana or katakana), of
    /// <paramref name="prefecture"/> (two digits) and in <paramref name="state"/> (a tag), sorted by
    /// <paramref name="sort"/>: by default the worst first, so that what needs a person is on top.
    /// </summary>
    public static List<BoardSite> Filter(IEnumerable<BoardSite> sites, string? query, string? prefecture, string? state, string? sort, bool descending)
    {
        var q = string.IsNullOrWhiteSpace(query) ? null : InventoryDirectory.ToHiragana(query.Trim());
        var wanted = string.IsNullOrEmpty(state) ? (SiteState?)null : SiteStates.Parse(state);
        var rows = sites.Where(s => s.Kind != "centre"
            && (string.IsNullOrEmpty(prefecture) || s.Prefecture == prefecture)
            && (wanted is null || s.State == wanted)
            && (q is null || s.Code.StartsWith(q, StringComparison.Ordinal) || s.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
                || (s.Kana?.Contains(q, StringComparison.Ordinal) ?? false)));
        IOrderedEnumerable<BoardSite> ordered = sort switch
        {
            "code" => Order(rows, s => s.Code, descending),
            "name" => Order(rows, s => s.Kana ?? s.Name, descending),
            "prefecture" => Order(rows, s => s.Prefecture, descending).ThenBy(s => s.Code, StringComparer.Ordinal),
            "primary" => Order(rows, s => (int)s.Primary, !descending).ThenBy(s => s.Code, StringComparer.Ordinal),
            "backup" => Order(rows, s => (int)s.Backup, !descending).ThenBy(s => s.Code, StringComparer.Ordinal),
            "since" => Order(rows, s => s.Since ?? DateTimeOffset.MinValue, !descending).ThenBy(s => s.Code, StringComparer.Ordinal),
            "alerts" => Order(rows, s => s.OpenAlerts, !descending).ThenBy(s => s.Code, StringComparer.Ordinal),
            _ => Order(rows, s => SiteRollup.Rank(s.State), !descending).ThenByDescending(s => s.Since ?? DateTimeOffset.MinValue).ThenBy(s => s.Code, StringComparer.Ordinal),
        };
        return ordered.ToList();
    }

    private static IOrderedEnumerable<BoardSite> Order<T>(IEnumerable<BoardSite> rows, Func<BoardSite, T> key, bool descending) =>
        descending ? rows.OrderByDescending(key, Comparer<T>.Default) : rows.OrderBy(key, Comparer<T>.Default);
}
