using System.Text;
using System.Text.Json.Nodes;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Csaf;

namespace NetOps.Ceptoar.Tests.Csaf;

public sealed class CsafDraftMapperTests
{
    private static AdvisoryDraft Import(string file)
    {
        var result = CsafTestData.Importer.Import(CsafTestData.Bytes(file));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Draft;
    }

    private static AdvisoryDraft ImportEdited(string file, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(CsafTestData.Bytes(file))!;
        edit(node);
        var result = CsafTestData.Importer.Import(Encoding.UTF8.GetBytes(node.ToJsonString()));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Draft;
    }

    [Fact]
    public void Cisco_smart_install_advisory_maps_its_cve_score_products_and_workaround()
    {
        var draft = Import("examples/cisco-sa-20180328-smi2.json");

        Assert.Equal("Cisco IOS and IOS XE Software Smart Install Remote Code Execution Vulnerability", draft.Title);
        Assert.Equal("Cisco PSIRT", draft.Source);
        Assert.Equal("cisco-sa-20180328-smi2", draft.TrackingId);
        // No aggregate severity; CVSS v3 base 9.8 is urgent.
        Assert.Equal(AdvisorySeverity.Urgent, draft.Severity);
        // The document has no TLP label: the restrictive default.
        Assert.Equal(TrafficLightProtocol.Amber, draft.Tlp);
        Assert.Equal("CVE-2018-0171", draft.References[0]);
        Assert.Contains("https://tools.cisco.com/security/center/content/CiscoSecurityAdvisory/cisco-sa-20180328-smi2", draft.References);
        Assert.Equal(draft.References.Count, draft.References.Distinct().Count());
        // more products than a draft may hold: the first 199 and a last line saying how many more
        Assert.Equal(AdvisoryStore.MaxListItems, draft.AffectedProducts.Count);
        Assert.Matches(@"^ほか \d+ 件（CSAF 文書を参照）$", draft.AffectedProducts[^1]);
        Assert.All(draft.AffectedProducts, p => Assert.DoesNotMatch("^CSAFPID-", p));
        var action = Assert.Single(draft.RecommendedActions);
        Assert.StartsWith("[回避策] There are no workarounds", action);
        Assert.Contains("【脆弱性】", draft.Body);
        Assert.Contains("・CVE-2018-0171", draft.Body);
        Assert.Contains("CVSS 基本値 9.8", draft.Body);
    }

    [Fact]
    public void Red_Hat_advisory_takes_its_aggregate_severity_and_white_is_clear()
    {
        var draft = Import("examples/rhsa-2021_5186.json");

        Assert.Equal("Red Hat Product Security", draft.Source);
        Assert.Equal("RHSA-2021:5186", draft.TrackingId);
        Assert.Equal(AdvisorySeverity.Urgent, draft.Severity); // aggregate_severity "Critical"
        Assert.Equal(TrafficLightProtocol.Clear, draft.Tlp);
        Assert.Equal(["CVE-2021-4104", "CVE-2021-4125"], draft.References.Where(r => r.StartsWith("CVE-", StringComparison.Ordinal)));
        Assert.Contains("https://access.redhat.com/errata/RHSA-2021:5186", draft.References);
        // Only fixed and known-not-affected products: nothing is affected.
        Assert.Empty(draft.AffectedProducts);
        Assert.NotEmpty(draft.RecommendedActions);
        Assert.All(draft.RecommendedActions, a => Assert.StartsWith("[修正版] ", a));
        Assert.Contains("【概要】", draft.Body);
    }

    [Fact]
    public void Bsi_advisory_moderate_is_caution_and_known_affected_ids_become_full_product_names()
    {
        var draft = Import("examples/bsi-2022-0001.json");

        Assert.Equal(AdvisorySeverity.Caution, draft.Severity);
        Assert.Equal(TrafficLightProtocol.Clear, draft.Tlp);
        Assert.Equal("Bundesamt für Sicherheit in der Informationstechnik", draft.Source);
        Assert.Equal(["CVE-2022-27193"], draft.References.Where(r => r.StartsWith("CVE-", StringComparison.Ordinal)));
        Assert.Equal(5, draft.AffectedProducts.Count);
        Assert.All(draft.AffectedProducts, p => Assert.StartsWith("CSAF Tools CVRF-CSAF-Converter", p));
    }

    [Fact]
    public void A_title_with_line_breaks_becomes_one_line()
    {
        var draft = ImportEdited("examples/bsi-2022-0001.json", n => n["document"]!["title"] = "Line one\r\nBcc: x@example.jp\u2028\tend ");

        Assert.Equal("Line one Bcc: x@example.jp end", draft.Title);
    }

    [Theory]
    [InlineData("GREEN", TrafficLightProtocol.Green)]
    [InlineData("AMBER", TrafficLightProtocol.Amber)]
    [InlineData("RED", TrafficLightProtocol.Red)]
    [InlineData("WHITE", TrafficLightProtocol.Clear)]
    public void Tlp_labels_map_to_tlp_2(string label, TrafficLightProtocol expected)
    {
        var draft = ImportEdited("examples/bsi-2022-0001.json", n => n["document"]!["distribution"]!["tlp"]!["label"] = label);

        Assert.Equal(expected, draft.Tlp);
    }

    [Theory]
    [InlineData(9.0, AdvisorySeverity.Urgent)]
    [InlineData(8.9, AdvisorySeverity.Warning)]
    [InlineData(7.0, AdvisorySeverity.Warning)]
    [InlineData(6.9, AdvisorySeverity.Caution)]
    [InlineData(4.0, AdvisorySeverity.Caution)]
    [InlineData(3.9, AdvisorySeverity.Information)]
    [InlineData(0.0, AdvisorySeverity.Information)]
    public void Base_score_thresholds_are_9_7_and_4(double score, AdvisorySeverity expected) =>
        Assert.Equal(expected, CsafDraftMapper.SeverityOfScore(score));

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL", AdvisorySeverity.Urgent)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "HIGH", AdvisorySeverity.Warning)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "HIGH", AdvisorySeverity.Warning)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "MEDIUM", AdvisorySeverity.Caution)]
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1, "LOW", AdvisorySeverity.Information)]
    public void Without_an_aggregate_severity_the_highest_base_score_decides(string vector, double score, string rating, AdvisorySeverity expected)
    {
        var draft = ImportEdited("examples/bsi-2022-0001.json", n =>
        {
            n["document"]!.AsObject().Remove("aggregate_severity");
            var cvss = n["vulnerabilities"]![0]!["scores"]![0]!["cvss_v3"]!.AsObject();
            cvss.Clear();
            cvss["version"] = "3.1";
            cvss["vectorString"] = vector;
            cvss["baseScore"] = score;
            cvss["baseSeverity"] = rating;
        });

        Assert.Equal(expected, draft.Severity);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0)]
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0)]
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0)]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5)]
    [InlineData("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3)]
    public void Cvss_base_scores_are_computed_as_first_publishes_them(string vector, double expected)
    {
        var parsed = CvssVector.TryParse(vector)!;
        var scores = parsed.Version is null ? CvssCalculator.V2(parsed) : CvssCalculator.V3(parsed);

        Assert.Equal(expected, scores!.Base, 3);
    }

    [Fact]
    public void Jvn_ids_in_references_are_kept_as_jvn_writes_them()
    {
        var draft = ImportEdited("examples/bsi-2022-0001.json", n =>
        {
            var refs = new JsonArray(
                new JsonObject { ["category"] = "external", ["summary"] = "JVNDB-2022-000097", ["url"] = "https://jvndb.jvn.jp/ja/contents/2022/JVNDB-2022-000097.html" },
                new JsonObject { ["category"] = "external", ["summary"] = "JVN", ["url"] = "https://jvn.jp/jp/JVN12345678/" });
            n["document"]!["references"] = refs;
        });

        Assert.Contains("JVNDB-2022-000097", draft.References);
        Assert.Contains("JVN#12345678", draft.References);
        Assert.Contains("https://jvn.jp/jp/JVN12345678/", draft.References);
    }

    [Fact]
    public void An_informational_advisory_without_vulnerabilities_is_information()
    {
        var draft = Import("examples/rhsa-2019_1862.json");

        Assert.Equal(AdvisorySeverity.Information, draft.Severity);
        Assert.Empty(draft.AffectedProducts);
        Assert.False(string.IsNullOrWhiteSpace(draft.Body));
    }
}
