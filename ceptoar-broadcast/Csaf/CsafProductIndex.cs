using System.Text.Json;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Where a document defines and where it uses product and product group ids, each with its JSON Pointer: the
/// product tests (6.1.1 to 6.1.5) and the mapping of known-affected products to names both read it.
/// </summary>
internal sealed class CsafProductIndex
{
    public List<(string Id, string Name, string Path)> Products { get; } = [];
    public List<(string Id, IReadOnlyList<string> ProductIds, string Path)> Groups { get; } = [];
    public List<(string Id, string Path)> ProductReferences { get; } = [];
    public List<(string Id, string Path)> GroupReferences { get; } = [];
    /// <summary>Relationships: the product id they define and the two ids it is built from.</summary>
    public List<(string Id, string ProductReference, string RelatesTo, string Path)> Relationships { get; } = [];

    public static readonly string[] StatusNames =
        ["first_affected", "first_fixed", "fixed", "known_affected", "known_not_affected", "last_affected", "recommended", "under_investigation"];

    public static CsafProductIndex Build(JsonElement root)
    {
        var index = new CsafProductIndex();
        if (root.Obj("product_tree") is { } tree)
        {
            foreach (var (branch, path) in tree.Items("branches", "/product_tree"))
                index.AddBranch(branch, path);
            foreach (var (product, path) in tree.Items("full_product_names", "/product_tree"))
                index.AddProduct(product, path);
            foreach (var (group, path) in tree.Items("product_groups", "/product_tree"))
            {
                var ids = group.Strings("product_ids", path).ToList();
                foreach (var (id, idPath) in ids) index.ProductReferences.Add((id, idPath));
                if (group.Str("group_id") is { } gid) index.Groups.Add((gid, ids.Select(i => i.Value).ToList(), path + "/group_id"));
            }
            foreach (var (rel, path) in tree.Items("relationships", "/product_tree"))
            {
                var reference = rel.Str("product_reference");
                var relatesTo = rel.Str("relates_to_product_reference");
                if (reference is not null) index.ProductReferences.Add((reference, path + "/product_reference"));
                if (relatesTo is not null) index.ProductReferences.Add((relatesTo, path + "/relates_to_product_reference"));
                if (rel.Obj("full_product_name") is { } fpn)
                {
                    index.AddProduct(fpn, path + "/full_product_name");
                    if (fpn.Str("product_id") is { } id && reference is not null && relatesTo is not null)
                        index.Relationships.Add((id, reference, relatesTo, path + "/full_product_name/product_id"));
                }
            }
        }

        foreach (var (vuln, path) in root.Items("vulnerabilities", ""))
        {
            if (vuln.Obj("product_status") is { } status)
                foreach (var name in StatusNames)
                    foreach (var reference in status.Strings(name, path + "/product_status"))
                        index.ProductReferences.Add(reference);
            foreach (var kind in (string[])["remediations", "threats", "flags"])
                foreach (var (item, itemPath) in vuln.Items(kind, path))
                {
                    index.ProductReferences.AddRange(item.Strings("product_ids", itemPath));
                    index.GroupReferences.AddRange(item.Strings("group_ids", itemPath));
                }
            foreach (var (score, scorePath) in vuln.Items("scores", path))
                index.ProductReferences.AddRange(score.Strings("products", scorePath));
        }
        return index;
    }

    private void AddBranch(JsonElement branch, string path)
    {
        if (branch.Obj("product") is { } product) AddProduct(product, path + "/product");
        foreach (var (child, childPath) in branch.Items("branches", path))
            AddBranch(child, childPath);
    }

    private void AddProduct(JsonElement product, string path)
    {
        if (product.Str("product_id") is { } id)
            Products.Add((id, product.Str("name") ?? id, path + "/product_id"));
    }

    private Dictionary<string, List<string>>? _groupProducts;
    private Dictionary<string, string>? _names;

    /// <summary>Product ids a product group stands for; an unknown group stands for none.</summary>
    public IEnumerable<string> ProductsOfGroup(string groupId)
    {
        // Lookups by dictionary: a hostile document can hold hundreds of thousands of ids within the size limit.
        _groupProducts ??= Groups.GroupBy(g => g.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(x => x.ProductIds).ToList(), StringComparer.Ordinal);
        return _groupProducts.TryGetValue(groupId, out var ids) ? ids : [];
    }

    /// <summary>The name of a product id, the first definition winning (6.1.2 refuses a second one anyway).</summary>
    public string? NameOf(string productId)
    {
        if (_names is null)
        {
            _names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in Products) _names.TryAdd(p.Id, p.Name);
        }
        return _names.GetValueOrDefault(productId);
    }
}
