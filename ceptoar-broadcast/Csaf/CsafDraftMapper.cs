using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetOps.Ceptoar.Advisories;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Maps a valid CSAF 2.0 document to an advisory draft (README "CSAF 2.0 import" lists the rules). The publisher's
/// text stays in its language; the headings around it are Japanese, so a municipality reads the structure at a glance.
/// </summary>
internal static partial class CsafDraftMapper
{
    private const int MaxTitleLength = 200;

    // JVNDB-2022-000097, JVN#12345678, JVNVU#12345678, JVNTA#12345678; jvn.jp URLs drop the '#' (/jp/JVN12345678/).
    [GeneratedRegex(@"JVN(?:DB-\d{4}-\d{6}|(VU|TA)?#?\d{8})", RegexOptions.CultureInvariant)]
    private static partial Regex JvnId();

    /// <summary>A JVN id as JVN writes it in text: with the '#' that its URLs leave out.</summary>
    private static string NormaliseJvn(string id) =>
        id.StartsWith("JVNDB-", StringComparison.Ordinal) || id.Contains('#', StringComparison.Ordinal)
            ? id
            : id.Insert(id.IndexOfAny("0123456789".ToCharArray()), "#");

    public static AdvisoryDraft Map(JsonElement root)
    {
        var document = root.Obj("document") ?? default;
        var products = CsafProductIndex.Build(root);
        var trackingId = document.Obj("tracking")?.Str("id");
        var title = OneLine(document.Str("title"));
        if (title.Length == 0) title = OneLine(trackingId);
        if (title.Length == 0) title = "CSAF advisory";
        // a document may say more than a mail should: the draft keeps within the store's limits, saying what it left out
        return new AdvisoryDraft(
            Title: Cut(title, AdvisoryStore.MaxTitleLength),
            Body: Cut(Body(root, document), AdvisoryStore.MaxBodyLength),
            Severity: Severity(root, document),
            Tlp: Tlp(document),
            Source: Cut(OneLine(document.Obj("publisher")?.Str("name")), AdvisoryStore.MaxSourceLength),
            References: Fit(References(root, document)),
            AffectedProducts: Fit(AffectedProducts(root, products)),
            RecommendedActions: Fit(RecommendedActions(root)),
            Kind: AdvisoryKind.Advisory,
            TrackingId: trackingId is null ? null : Cut(OneLine(trackingId), 200));
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>At most <see cref="AdvisoryStore.MaxListItems"/> items of at most <see cref="AdvisoryStore.MaxListItemLength"/> characters; the last says how many more the document lists.</summary>
    private static IReadOnlyList<string> Fit(IReadOnlyList<string> items)
    {
        var kept = items.Take(items.Count > AdvisoryStore.MaxListItems ? AdvisoryStore.MaxListItems - 1 : items.Count)
            .Select(i => Cut(i, AdvisoryStore.MaxListItemLength)).ToList();
        if (items.Count > kept.Count) kept.Add(CsafBodyText.More(items.Count - kept.Count));
        return kept;
    }

    /// <summary>One line for a mail subject: every line break, tab or other control character becomes one space.</summary>
    internal static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            var isBreak = char.IsControl(ch) || char.IsWhiteSpace(ch) || ch is '\u2028' or '\u2029';
            if (isBreak) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        var line = sb.ToString();
        return line.Length <= MaxTitleLength ? line : line[..MaxTitleLength].TrimEnd() + "…";
    }

    /// <summary>
    /// CSAF 2.0's <c>WHITE</c> is TLP 2.0's CLEAR. A document without a TLP label is treated as AMBER: sharing it more
    /// widely than its publisher meant cannot be undone, so the restrictive label is the safe default.
    /// </summary>
    private static TrafficLightProtocol Tlp(JsonElement document) =>
        document.Obj("distribution")?.Obj("tlp")?.Str("label") switch
        {
            "WHITE" => TrafficLightProtocol.Clear,
            "GREEN" => TrafficLightProtocol.Green,
            "AMBER" => TrafficLightProtocol.Amber,
            "RED" => TrafficLightProtocol.Red,
            _ => TrafficLightProtocol.Amber,
        };

    /// <summary>
    /// The publisher's aggregate severity when its text is a known word (Critical, Important/High, Moderate/Medium,
    /// Low/None); otherwise the highest CVSS base score in the document: 9.0 and up urgent, 7.0 warning, 4.0 caution,
    /// below (or no score at all) information.
    /// </summary>
    private static AdvisorySeverity Severity(JsonElement root, JsonElement document)
    {
        var text = document.Obj("aggregate_severity")?.Str("text")?.Trim().ToLowerInvariant();
        AdvisorySeverity? stated = text switch
        {
            "critical" or "urgent" or "緊急" => AdvisorySeverity.Urgent,
            "important" or "high" or "重要" or "警告" => AdvisorySeverity.Warning,
            "moderate" or "medium" or "注意" => AdvisorySeverity.Caution,
            "low" or "none" or "informational" or "info" or "情報" => AdvisorySeverity.Information,
            _ => null,
        };
        if (stated is { } s) return s;
        return SeverityOfScore(HighestBaseScore(root));
    }

    internal static AdvisorySeverity SeverityOfScore(double highest)
    {
        return highest switch
        {
            >= 9.0 => AdvisorySeverity.Urgent,
            >= 7.0 => AdvisorySeverity.Warning,
            >= 4.0 => AdvisorySeverity.Caution,
            _ => AdvisorySeverity.Information,
        };
    }

    internal static double HighestBaseScore(JsonElement root)
    {
        var highest = 0.0;
        foreach (var (vuln, path) in root.Items("vulnerabilities", ""))
            foreach (var (score, _) in vuln.Items("scores", path))
                foreach (var kind in (string[])["cvss_v3", "cvss_v2"])
                    if (score.Obj(kind)?.Num("baseScore") is { } b && b > highest)
                        highest = b;
        return highest;
    }

    private static string Body(JsonElement root, JsonElement document)
    {
        var sb = new StringBuilder();
        void Section(string heading, IEnumerable<string> paragraphs)
        {
            var list = paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (list.Count == 0) return;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append('【').Append(heading).Append("】\n");
            foreach (var p in list) sb.Append(p.Trim()).Append('\n');
        }

        Section(CsafBodyText.Get("Summary"), Notes(document, "summary"));
        Section(CsafBodyText.Get("Details"), Notes(document, "description", "details", "general"));

        var vulns = new List<string>();
        foreach (var (vuln, path) in root.Items("vulnerabilities", ""))
        {
            var cve = vuln.Str("cve");
            var vulnTitle = OneLine(vuln.Str("title"));
            // Red Hat titles already start with the CVE id.
            var head = cve is null || vulnTitle.StartsWith(cve, StringComparison.Ordinal)
                ? vulnTitle
                : string.Join(" ", new[] { cve, vulnTitle }.Where(s => s.Length > 0));
            var line = new StringBuilder("・").Append(head.Length > 0 ? head : CsafBodyText.Get("Untitled"));
            var best = 0.0;
            foreach (var (score, _) in vuln.Items("scores", path))
                foreach (var kind in (string[])["cvss_v3", "cvss_v2"])
                    if (score.Obj(kind)?.Num("baseScore") is { } b && b > best) best = b;
            if (best > 0) line.Append(string.Format(CultureInfo.InvariantCulture, CsafBodyText.Get("BaseScore"), best.ToString("0.0", CultureInfo.InvariantCulture)));
            foreach (var note in Notes(vuln, "summary", "description", "details", "general"))
                if (!string.Equals(note.Trim(), vulnTitle, StringComparison.Ordinal))
                    line.Append('\n').Append("  ").Append(note.Trim().Replace("\n", "\n  ", StringComparison.Ordinal));
            vulns.Add(line.ToString());
        }
        Section(CsafBodyText.Get("Vulnerabilities"), vulns);

        var body = sb.ToString().TrimEnd();
        return body.Length > 0 ? body : OneLine(document.Str("title"));
    }

    private static IEnumerable<string> Notes(JsonElement owner, params string[] categories)
    {
        foreach (var (note, _) in owner.Items("notes", ""))
            if (categories.Contains(note.Str("category")) && note.Str("text") is { } text)
            {
                // A title that only repeats the category ("Summary", "Vulnerability Description") says nothing the heading does not.
                var title = OneLine(note.Str("title"));
                var generic = title.Length == 0 || categories.Any(c => title.EndsWith(c, StringComparison.OrdinalIgnoreCase))
                    || text.StartsWith(title, StringComparison.Ordinal);
                yield return generic ? text : $"{title}: {text}";
            }
    }

    private static IReadOnlyList<string> References(JsonElement root, JsonElement document)
    {
        var ids = new List<string>();
        var urls = new List<string>();
        void Scan(string? text)
        {
            if (text is null) return;
            foreach (Match m in JvnId().Matches(text)) ids.Add(NormaliseJvn(m.Value));
        }
        Scan(document.Obj("tracking")?.Str("id"));
        foreach (var (vuln, path) in root.Items("vulnerabilities", ""))
        {
            if (vuln.Str("cve") is { } cve) ids.Add(cve);
            foreach (var (id, _) in vuln.Items("ids", path))
            {
                Scan(id.Str("text"));
                if (id.Str("system_name") is { } system && system.Contains("JVN", StringComparison.OrdinalIgnoreCase) && id.Str("text") is { } t)
                    ids.Add(OneLine(t));
            }
            foreach (var (reference, _) in vuln.Items("references", path))
            {
                Scan(reference.Str("url"));
                Scan(reference.Str("summary"));
                if (reference.Str("url") is { } url) urls.Add(url);
            }
        }
        foreach (var (reference, _) in document.Items("references", "/document"))
        {
            Scan(reference.Str("url"));
            Scan(reference.Str("summary"));
            if (reference.Str("url") is { } url) urls.Add(url);
        }
        return [.. ids.Concat(urls).Distinct(StringComparer.Ordinal)];
    }

    private static IReadOnlyList<string> AffectedProducts(JsonElement root, CsafProductIndex products)
    {
        var names = new List<string>();
        foreach (var (vuln, path) in root.Items("vulnerabilities", ""))
            if (vuln.Obj("product_status") is { } status)
                foreach (var kind in (string[])["first_affected", "known_affected", "last_affected"])
                    foreach (var (id, _) in status.Strings(kind, path))
                        names.Add(OneLine(products.NameOf(id) ?? id));
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private static IReadOnlyList<string> RecommendedActions(JsonElement root)
    {
        var actions = new List<string>();
        foreach (var (vuln, path) in root.Items("vulnerabilities", ""))
            foreach (var (remediation, _) in vuln.Items("remediations", path))
            {
                if (remediation.Str("details") is not { } details || string.IsNullOrWhiteSpace(details)) continue;
                var label = CsafBodyText.Remediation(remediation.Str("category"));
                var action = $"[{label}] {details.Trim()}";
                if (remediation.Str("url") is { } url) action += $" ({url})";
                actions.Add(action);
            }
        return [.. actions.Distinct(StringComparer.Ordinal)];
    }
}
