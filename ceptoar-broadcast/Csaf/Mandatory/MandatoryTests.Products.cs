using System.Text.Json;

namespace NetOps.Ceptoar.Csaf.Mandatory;

internal static partial class MandatoryTests
{
    private static void MissingDefinitionOfProductId_6_1_1(CsafTestContext c)
    {
        var defined = c.Products.Products.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, path) in c.Products.ProductReferences)
            if (!defined.Contains(id))
                c.Fail(path, "6.1.1", $"product id '{id}' is not defined in the product tree");
    }

    private static void MultipleDefinitionOfProductId_6_1_2(CsafTestContext c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _, path) in c.Products.Products)
            if (!seen.Add(id))
                c.Fail(path, "6.1.2", $"product id '{id}' is defined more than once");
    }

    private static void CircularDefinitionOfProductId_6_1_3(CsafTestContext c)
    {
        // Each relationship defines a product from two others; following those edges must never come back.
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (id, reference, relatesTo, _) in c.Products.Relationships)
        {
            if (!edges.TryGetValue(id, out var list)) edges[id] = list = [];
            list.Add(reference);
            list.Add(relatesTo);
        }
        foreach (var (id, _, _, path) in c.Products.Relationships)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(edges[id]);
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (next == id)
                {
                    c.Fail(path, "6.1.3", $"product id '{id}' is defined through a relationship that refers back to itself");
                    break;
                }
                if (seen.Add(next) && edges.TryGetValue(next, out var more))
                    foreach (var m in more) stack.Push(m);
            }
        }
    }

    private static void MissingDefinitionOfProductGroupId_6_1_4(CsafTestContext c)
    {
        var defined = c.Products.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, path) in c.Products.GroupReferences)
            if (!defined.Contains(id))
                c.Fail(path, "6.1.4", $"product group id '{id}' is not defined in the product tree");
    }

    private static void MultipleDefinitionOfProductGroupId_6_1_5(CsafTestContext c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _, path) in c.Products.Groups)
            if (!seen.Add(id))
                c.Fail(path, "6.1.5", $"product group id '{id}' is defined more than once");
    }

    private static readonly (string Group, string[] Statuses)[] ContradictionGroups =
    [
        ("affected", ["first_affected", "known_affected", "last_affected"]),
        ("not affected", ["known_not_affected"]),
        ("fixed", ["first_fixed", "fixed"]),
        ("under investigation", ["under_investigation"]),
    ];

    private static void ContradictingProductStatus_6_1_6(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            if (vuln.Obj("product_status") is not { } status) continue;
            var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (group, statuses) in ContradictionGroups)
                foreach (var name in statuses)
                    foreach (var (id, idPath) in status.Strings(name, path + "/product_status"))
                    {
                        if (groupOf.TryGetValue(id, out var other) && other != group)
                            c.Fail(idPath, "6.1.6", $"product id '{id}' is both {other} and {group}");
                        else groupOf[id] = group;
                    }
        }
    }

    private static void MultipleScoresWithSameVersionPerProduct_6_1_7(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            var seen = new HashSet<(string, string)>();
            foreach (var (score, scorePath) in vuln.Items("scores", path))
            {
                var versions = new List<string>();
                if (score.Obj("cvss_v2") is { } v2) versions.Add(v2.Str("version") ?? "2.0");
                if (score.Obj("cvss_v3") is { } v3) versions.Add(v3.Str("version") ?? "3");
                foreach (var (product, productPath) in score.Strings("products", scorePath))
                    foreach (var version in versions)
                        if (!seen.Add((product, version)))
                            c.Fail(productPath, "6.1.7", $"product id '{product}' has more than one CVSS v{version} score");
            }
        }
    }

    /// <summary>The products an item (remediation, flag, threat) applies to: its product ids and its groups' products.</summary>
    private static IEnumerable<string> ProductsOf(CsafTestContext c, JsonElement item, string path) =>
        item.Strings("product_ids", path).Select(p => p.Value)
            .Concat(item.Strings("group_ids", path).SelectMany(g => c.Products.ProductsOfGroup(g.Value)));

    private static void RemediationWithoutProductReference_6_1_29(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
            foreach (var (remediation, rPath) in vuln.Items("remediations", path))
                if (!remediation.Has("product_ids") && !remediation.Has("group_ids"))
                    c.Fail(rPath, "6.1.29", "the remediation names neither product_ids nor group_ids");
    }

    private static void FlagWithoutProductReference_6_1_32(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
            foreach (var (flag, fPath) in vuln.Items("flags", path))
                if (!flag.Has("product_ids") && !flag.Has("group_ids"))
                    c.Fail(fPath, "6.1.32", "the flag names neither product_ids nor group_ids");
    }

    private static void MultipleFlagsWithVexJustificationCodesPerProduct_6_1_33(CsafTestContext c)
    {
        // Every CSAF 2.0 flag label is a VEX justification code, so a product may be in one flag per vulnerability.
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            var flagged = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (flag, fPath) in vuln.Items("flags", path))
                foreach (var product in ProductsOf(c, flag, fPath).Distinct(StringComparer.Ordinal))
                    if (!flagged.Add(product))
                        c.Fail(fPath, "6.1.33", $"product id '{product}' is in more than one flag with a VEX justification code");
        }
    }
}
