using System.Globalization;
using System.Text.Json;

namespace NetOps.Ceptoar.Csaf.Mandatory;

internal static partial class MandatoryTests
{
    private static void Cwe_6_1_11(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            if (vuln.Obj("cwe") is not { } cwe || cwe.Str("id") is not { } id) continue;
            // Only the weaknesses this build knows can be checked offline; an unknown id passes (README: weak points).
            if (CweCatalog.NameOf(id) is { } name && cwe.Str("name") != name)
                c.Fail(path + "/cwe/name", "6.1.11", $"{id} is named '{name}', not '{cwe.Str("name")}'");
        }
    }

    private static void Language_6_1_12(CsafTestContext c)
    {
        foreach (var name in (string[])["lang", "source_lang"])
            if (c.Document.Str(name) is { } tag && LanguageTag.Problem(tag) is { } problem)
                c.Fail("/document/" + name, "6.1.12", $"'{tag}' is not a valid language: {problem}");
    }

    private static void Purl_6_1_13(CsafTestContext c)
    {
        foreach (var (helper, path) in Helpers(c))
            if (helper.Str("purl") is { } purl && PackageUrl.Problem(purl) is { } problem)
                c.Fail(path + "/purl", "6.1.13", $"'{purl}' is not a valid package URL: {problem}");
    }

    private static void MultipleUseOfSameCve_6_1_23(CsafTestContext c)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (vuln, path) in c.Vulnerabilities)
            if (vuln.Str("cve") is { } cve && !seen.Add(cve))
                c.Fail(path + "/cve", "6.1.23", $"{cve} is used by more than one vulnerability");
    }

    private static void MultipleDefinitionInInvolvements_6_1_24(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            var seen = new HashSet<(string, DateTimeOffset?)>();
            foreach (var (involvement, iPath) in vuln.Items("involvements", path))
            {
                if (involvement.Str("party") is not { } party) continue;
                DateTimeOffset? date = DateTimeOffset.TryParse(involvement.Str("date"), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal, out var d) ? d.ToUniversalTime() : null;
                if (!seen.Add((party, date)))
                    c.Fail(iPath, "6.1.24", $"party '{party}' has more than one involvement at {involvement.Str("date") ?? "no date"}");
            }
        }
    }

    private static void MultipleUseOfSameHashAlgorithm_6_1_25(CsafTestContext c)
    {
        foreach (var (helper, path) in Helpers(c))
            foreach (var (hash, hashPath) in helper.Items("hashes", path))
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (fileHash, fhPath) in hash.Items("file_hashes", hashPath))
                    if (fileHash.Str("algorithm") is { } algorithm && !seen.Add(algorithm))
                        c.Fail(fhPath + "/algorithm", "6.1.25", $"hash algorithm '{algorithm}' is used more than once for one file");
            }
    }

    /// <summary>Every product identification helper in the product tree, with its path.</summary>
    private static IEnumerable<(JsonElement Helper, string Path)> Helpers(CsafTestContext c)
    {
        if (c.Root.Obj("product_tree") is not { } tree) yield break;
        var products = new List<(JsonElement, string)>();
        void Branch(JsonElement b, string p)
        {
            if (b.Obj("product") is { } product) products.Add((product, p + "/product"));
            foreach (var (child, cp) in b.Items("branches", p)) Branch(child, cp);
        }
        foreach (var (b, p) in tree.Items("branches", "/product_tree")) Branch(b, p);
        products.AddRange(tree.Items("full_product_names", "/product_tree"));
        foreach (var (rel, p) in tree.Items("relationships", "/product_tree"))
            if (rel.Obj("full_product_name") is { } fpn) products.Add((fpn, p + "/full_product_name"));
        foreach (var (product, p) in products)
            if (product.Obj("product_identification_helper") is { } helper)
                yield return (helper, p + "/product_identification_helper");
    }
}
