using System.Globalization;
using System.Text.Json;

namespace NetOps.Ceptoar.Csaf.Mandatory;

internal static partial class MandatoryTests
{
    private static IEnumerable<(JsonElement Cvss, string Path, bool IsV3)> CvssObjects(CsafTestContext c)
    {
        foreach (var (vuln, path) in c.Vulnerabilities)
            foreach (var (score, scorePath) in vuln.Items("scores", path))
            {
                if (score.Obj("cvss_v2") is { } v2) yield return (v2, scorePath + "/cvss_v2", false);
                if (score.Obj("cvss_v3") is { } v3) yield return (v3, scorePath + "/cvss_v3", true);
            }
    }

    private static void InvalidCvssComputation_6_1_9(CsafTestContext c)
    {
        foreach (var (cvss, path, isV3) in CvssObjects(c))
        {
            if (CvssVector.TryParse(cvss.Str("vectorString")) is not { } vector) continue;
            if ((isV3 ? CvssCalculator.V3(vector) : CvssCalculator.V2(vector)) is not { } scores) continue;
            CheckScore(c, cvss, path, "baseScore", scores.Base);
            CheckScore(c, cvss, path, "temporalScore", scores.Temporal);
            CheckScore(c, cvss, path, "environmentalScore", scores.Environmental);
            if (!isV3) continue;
            CheckSeverity(c, cvss, path, "baseSeverity", scores.Base);
            CheckSeverity(c, cvss, path, "temporalSeverity", scores.Temporal);
            CheckSeverity(c, cvss, path, "environmentalSeverity", scores.Environmental);
        }
    }

    private static void CheckScore(CsafTestContext c, JsonElement cvss, string path, string name, double computed)
    {
        if (cvss.Num(name) is { } given && Math.Abs(given - computed) > 0.0001)
            c.Fail($"{path}/{name}", "6.1.9",
                $"{name} is {given.ToString(CultureInfo.InvariantCulture)} but the vector computes to {computed.ToString("0.0", CultureInfo.InvariantCulture)}");
    }

    private static void CheckSeverity(CsafTestContext c, JsonElement cvss, string path, string name, double score)
    {
        if (cvss.Str(name) is { } given && given != CvssCalculator.Severity(score))
            c.Fail($"{path}/{name}", "6.1.9", $"{name} is {given} but a score of {score.ToString("0.0", CultureInfo.InvariantCulture)} is {CvssCalculator.Severity(score)}");
    }

    // Property name, vector metric, and what each metric value is called in the property (FIRST's CVSS JSON schemas).
    private static readonly (string Property, string Metric, (string Abbr, string Value)[] Values)[] V3Properties = V3Table();
    private static readonly (string Property, string Metric, (string Abbr, string Value)[] Values)[] V2Properties = V2Table();

    private static (string, string, (string, string)[])[] V3Table()
    {
        (string, string)[] av = [("N", "NETWORK"), ("A", "ADJACENT_NETWORK"), ("L", "LOCAL"), ("P", "PHYSICAL")];
        (string, string)[] lh = [("L", "LOW"), ("H", "HIGH")];
        (string, string)[] nlh = [("N", "NONE"), ("L", "LOW"), ("H", "HIGH")];
        (string, string)[] ui = [("N", "NONE"), ("R", "REQUIRED")];
        (string, string)[] scope = [("U", "UNCHANGED"), ("C", "CHANGED")];
        (string, string)[] req = [("X", "NOT_DEFINED"), ("L", "LOW"), ("M", "MEDIUM"), ("H", "HIGH")];
        static (string, string)[] M((string, string)[] values) => [("X", "NOT_DEFINED"), .. values];
        return
        [
            ("attackVector", "AV", av), ("attackComplexity", "AC", lh), ("privilegesRequired", "PR", nlh),
            ("userInteraction", "UI", ui), ("scope", "S", scope),
            ("confidentialityImpact", "C", nlh), ("integrityImpact", "I", nlh), ("availabilityImpact", "A", nlh),
            ("exploitCodeMaturity", "E", [("X", "NOT_DEFINED"), ("U", "UNPROVEN"), ("P", "PROOF_OF_CONCEPT"), ("F", "FUNCTIONAL"), ("H", "HIGH")]),
            ("remediationLevel", "RL", [("X", "NOT_DEFINED"), ("O", "OFFICIAL_FIX"), ("T", "TEMPORARY_FIX"), ("W", "WORKAROUND"), ("U", "UNAVAILABLE")]),
            ("reportConfidence", "RC", [("X", "NOT_DEFINED"), ("U", "UNKNOWN"), ("R", "REASONABLE"), ("C", "CONFIRMED")]),
            ("confidentialityRequirement", "CR", req), ("integrityRequirement", "IR", req), ("availabilityRequirement", "AR", req),
            ("modifiedAttackVector", "MAV", M(av)), ("modifiedAttackComplexity", "MAC", M(lh)), ("modifiedPrivilegesRequired", "MPR", M(nlh)),
            ("modifiedUserInteraction", "MUI", M(ui)), ("modifiedScope", "MS", M(scope)),
            ("modifiedConfidentialityImpact", "MC", M(nlh)), ("modifiedIntegrityImpact", "MI", M(nlh)), ("modifiedAvailabilityImpact", "MA", M(nlh)),
        ];
    }

    private static (string, string, (string, string)[])[] V2Table()
    {
        (string, string)[] impact = [("N", "NONE"), ("P", "PARTIAL"), ("C", "COMPLETE")];
        (string, string)[] req = [("L", "LOW"), ("M", "MEDIUM"), ("H", "HIGH"), ("ND", "NOT_DEFINED")];
        return
        [
            ("accessVector", "AV", [("L", "LOCAL"), ("A", "ADJACENT_NETWORK"), ("N", "NETWORK")]),
            ("accessComplexity", "AC", [("H", "HIGH"), ("M", "MEDIUM"), ("L", "LOW")]),
            ("authentication", "Au", [("M", "MULTIPLE"), ("S", "SINGLE"), ("N", "NONE")]),
            ("confidentialityImpact", "C", impact), ("integrityImpact", "I", impact), ("availabilityImpact", "A", impact),
            ("exploitability", "E", [("U", "UNPROVEN"), ("POC", "PROOF_OF_CONCEPT"), ("F", "FUNCTIONAL"), ("H", "HIGH"), ("ND", "NOT_DEFINED")]),
            ("remediationLevel", "RL", [("OF", "OFFICIAL_FIX"), ("TF", "TEMPORARY_FIX"), ("W", "WORKAROUND"), ("U", "UNAVAILABLE"), ("ND", "NOT_DEFINED")]),
            ("reportConfidence", "RC", [("UC", "UNCONFIRMED"), ("UR", "UNCORROBORATED"), ("C", "CONFIRMED"), ("ND", "NOT_DEFINED")]),
            ("collateralDamagePotential", "CDP", [("N", "NONE"), ("L", "LOW"), ("LM", "LOW_MEDIUM"), ("MH", "MEDIUM_HIGH"), ("H", "HIGH"), ("ND", "NOT_DEFINED")]),
            ("targetDistribution", "TD", [("N", "NONE"), ("L", "LOW"), ("M", "MEDIUM"), ("H", "HIGH"), ("ND", "NOT_DEFINED")]),
            ("confidentialityRequirement", "CR", req), ("integrityRequirement", "IR", req), ("availabilityRequirement", "AR", req),
        ];
    }

    private static void InconsistentCvss_6_1_10(CsafTestContext c)
    {
        foreach (var (cvss, path, isV3) in CvssObjects(c))
        {
            if (CvssVector.TryParse(cvss.Str("vectorString")) is not { } vector) continue;
            if (isV3 && cvss.Str("version") is { } version && vector.Version is { } prefix && version != prefix)
                c.Fail(path + "/version", "6.1.10", $"version is {version} but the vector starts with CVSS:{prefix}");
            // Only metrics the vector states are compared: a property beside a vector that leaves its metric out
            // adds to the vector rather than contradicting it (the OASIS 6.2 examples do this).
            foreach (var (property, metric, values) in isV3 ? V3Properties : V2Properties)
            {
                if (cvss.Str(property) is not { } given || !vector.Metrics.TryGetValue(metric, out var abbr)) continue;
                var expected = values.FirstOrDefault(v => v.Abbr == abbr).Value;
                if (expected is not null && expected != given)
                    c.Fail($"{path}/{property}", "6.1.10", $"{property} is {given} but the vector says {metric}:{abbr} ({expected})");
            }
        }
    }
}
