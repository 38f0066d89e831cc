namespace NetOps.Ceptoar.Csaf.Mandatory;

internal static partial class MandatoryTests
{
    private const string SecurityIncidentResponse = "csaf_security_incident_response";
    private const string InformationalAdvisory = "csaf_informational_advisory";
    private const string SecurityAdvisory = "csaf_security_advisory";
    private const string Vex = "csaf_vex";

    private static readonly string[] ProfileValues = ["csaf_base", SecurityIncidentResponse, InformationalAdvisory, SecurityAdvisory, Vex];

    private static bool IsProfile(CsafTestContext c, params string[] categories) => categories.Contains(c.Category, StringComparer.Ordinal);

    private static void Translator_6_1_15(CsafTestContext c)
    {
        if (c.Document.Obj("publisher")?.Str("category") == "translator" && string.IsNullOrEmpty(c.Document.Str("source_lang")))
            c.Fail("/document/source_lang", "6.1.15", "the publisher is a translator, so source_lang must be set");
    }

    private static string Squeeze(string s) => new([.. s.Where(ch => ch != '_' && ch != '-' && !char.IsWhiteSpace(ch)).Select(char.ToLowerInvariant)]);

    private static void ProhibitedDocumentCategoryName_6_1_26(CsafTestContext c)
    {
        var category = c.Category;
        if (ProfileValues.Contains(category, StringComparer.Ordinal)) return;
        // Compared without case, '_', '-' or white space: a profile's value (csaf_vex) or its name without "csaf_" (vex).
        var squeezed = Squeeze(category);
        foreach (var value in ProfileValues)
        {
            var name = value["csaf_".Length..];
            if (squeezed == Squeeze(value) || (value != "csaf_base" && squeezed == Squeeze(name)))
                c.Fail("/document/category", "6.1.26",
                    $"the category '{category}' is too close to the profile '{value}'; use '{value}' itself or another name");
        }
    }

    private static readonly string[] DocumentNoteCategories = ["description", "details", "general", "summary"];

    private static void DocumentNotes_6_1_27_1(CsafTestContext c)
    {
        if (!IsProfile(c, InformationalAdvisory, SecurityIncidentResponse)) return;
        if (!c.Document.Items("notes", "/document").Any(n => DocumentNoteCategories.Contains(n.Item.Str("category"))))
            c.Fail("/document/notes", "6.1.27.1", $"a {c.Category} needs a note of category description, details, general or summary");
    }

    private static void DocumentReferences_6_1_27_2(CsafTestContext c)
    {
        if (!IsProfile(c, InformationalAdvisory, SecurityIncidentResponse)) return;
        if (!c.Document.Items("references", "/document").Any(r => r.Item.Str("category") == "external"))
            c.Fail("/document/references", "6.1.27.2", $"a {c.Category} needs at least one reference of category external");
    }

    private static void VulnerabilitiesAbsent_6_1_27_3(CsafTestContext c)
    {
        if (IsProfile(c, InformationalAdvisory) && c.Root.Has("vulnerabilities"))
            c.Fail("/vulnerabilities", "6.1.27.3", "an informational advisory must not have vulnerabilities (use csaf_security_advisory)");
    }

    private static void ProductTree_6_1_27_4(CsafTestContext c)
    {
        if (IsProfile(c, SecurityAdvisory, Vex) && !c.Root.Has("product_tree"))
            c.Fail("/product_tree", "6.1.27.4", $"a {c.Category} needs a product_tree");
    }

    private static void VulnerabilityNotes_6_1_27_5(CsafTestContext c)
    {
        if (!IsProfile(c, SecurityAdvisory, Vex)) return;
        foreach (var (vuln, path) in c.Vulnerabilities)
            if (!vuln.Has("notes")) c.Fail(path + "/notes", "6.1.27.5", $"a vulnerability of a {c.Category} needs notes");
    }

    private static void ProductStatus_6_1_27_6(CsafTestContext c)
    {
        if (!IsProfile(c, SecurityAdvisory)) return;
        foreach (var (vuln, path) in c.Vulnerabilities)
            if (!vuln.Has("product_status")) c.Fail(path + "/product_status", "6.1.27.6", "a vulnerability of a security advisory needs a product_status");
    }

    private static void VexProductStatus_6_1_27_7(CsafTestContext c)
    {
        if (!IsProfile(c, Vex)) return;
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            var status = vuln.Obj("product_status");
            if (status is null || !((string[])["fixed", "known_affected", "known_not_affected", "under_investigation"]).Any(s => status.Value.Has(s)))
                c.Fail(path + "/product_status", "6.1.27.7",
                    "a VEX vulnerability needs fixed, known_affected, known_not_affected or under_investigation in its product_status");
        }
    }

    private static void VulnerabilityId_6_1_27_8(CsafTestContext c)
    {
        if (!IsProfile(c, Vex)) return;
        foreach (var (vuln, path) in c.Vulnerabilities)
            if (!vuln.Has("cve") && !vuln.Has("ids")) c.Fail(path, "6.1.27.8", "a VEX vulnerability needs a cve or ids");
    }

    private static void ImpactStatement_6_1_27_9(CsafTestContext c)
    {
        if (!IsProfile(c, Vex)) return;
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            if (vuln.Obj("product_status") is not { } status) continue;
            var explained = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (flag, fPath) in vuln.Items("flags", path)) explained.UnionWith(ProductsOf(c, flag, fPath));
            foreach (var (threat, tPath) in vuln.Items("threats", path))
                if (threat.Str("category") == "impact") explained.UnionWith(ProductsOf(c, threat, tPath));
            foreach (var (id, idPath) in status.Strings("known_not_affected", path + "/product_status"))
                if (!explained.Contains(id))
                    c.Fail(idPath, "6.1.27.9", $"product id '{id}' is known not affected but has no impact statement (a flag or an impact threat)");
        }
    }

    private static void ActionStatement_6_1_27_10(CsafTestContext c)
    {
        if (!IsProfile(c, Vex)) return;
        foreach (var (vuln, path) in c.Vulnerabilities)
        {
            if (vuln.Obj("product_status") is not { } status) continue;
            var remedied = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (remediation, rPath) in vuln.Items("remediations", path)) remedied.UnionWith(ProductsOf(c, remediation, rPath));
            foreach (var (id, idPath) in status.Strings("known_affected", path + "/product_status"))
                if (!remedied.Contains(id))
                    c.Fail(idPath, "6.1.27.10", $"product id '{id}' is known affected but has no action statement (a remediation)");
        }
    }

    private static void VulnerabilitiesPresent_6_1_27_11(CsafTestContext c)
    {
        if (IsProfile(c, SecurityAdvisory, Vex) && !c.Root.Has("vulnerabilities"))
            c.Fail("/vulnerabilities", "6.1.27.11", $"a {c.Category} needs vulnerabilities");
    }

    private static void Translation_6_1_28(CsafTestContext c)
    {
        if (c.Document.Str("lang") is { } lang && c.Document.Str("source_lang") is { } source
            && string.Equals(lang, source, StringComparison.OrdinalIgnoreCase))
            c.Fail("/document/source_lang", "6.1.28", $"the document language and the source language are both '{lang}'");
    }

    // A comparison operator anywhere, or one of these as a word of its own, turns a version into a range (6.1.31):
    // "prior to 4.2", "4.1 and earlier", "3.X versions"; "after-eight" is a name, not a range.
    private static readonly string[] RangeWords = ["after", "all", "before", "earlier", "later", "prior", "versions"];

    private static bool IsVersionRange(string name) =>
        name.IndexOfAny(['<', '>']) >= 0
        || name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(w => RangeWords.Contains(w, StringComparer.OrdinalIgnoreCase));

    private static void VersionRangeInProductVersion_6_1_31(CsafTestContext c)
    {
        void Branch(System.Text.Json.JsonElement b, string p)
        {
            if (b.Str("category") == "product_version" && b.Str("name") is { } name && IsVersionRange(name))
                c.Fail(p + "/name", "6.1.31", $"the product_version '{name}' is a version range; use the category product_version_range");
            foreach (var (child, cp) in b.Items("branches", p)) Branch(child, cp);
        }
        if (c.Root.Obj("product_tree") is { } tree)
            foreach (var (b, p) in tree.Items("branches", "/product_tree")) Branch(b, p);
    }
}
