namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// CVSS v2.0, v3.0 and v3.1 scores from a vector, by the formulas of FIRST's specification documents (v2 section 3.2,
/// v3.0 and v3.1 section 7 with appendix A's Roundup for v3.1). Null when a metric is missing or has an unknown value.
/// </summary>
internal static class CvssCalculator
{
    public static CvssScores? V3(CvssVector vector)
    {
        var v31 = vector.Version == "3.1";
        try
        {
            var changed = Metric(vector.Get("S", ""), ("U", 0), ("C", 1)) == 1;
            var av = Metric(vector.Get("AV", ""), ("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2));
            var ac = Metric(vector.Get("AC", ""), ("L", 0.77), ("H", 0.44));
            var pr = Pr(vector.Get("PR", ""), changed);
            var ui = Metric(vector.Get("UI", ""), ("N", 0.85), ("R", 0.62));
            var conf = Cia(vector.Get("C", ""));
            var integ = Cia(vector.Get("I", ""));
            var avail = Cia(vector.Get("A", ""));

            var iss = 1 - (1 - conf) * (1 - integ) * (1 - avail);
            var impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.Pow(iss - 0.02, 15) : 6.42 * iss;
            var exploitability = 8.22 * av * ac * pr * ui;
            var baseScore = impact <= 0 ? 0
                : Round(Math.Min((changed ? 1.08 : 1) * (impact + exploitability), 10), v31);

            var e = Metric(vector.Get("E", "X"), ("X", 1), ("U", 0.91), ("P", 0.94), ("F", 0.97), ("H", 1));
            var rl = Metric(vector.Get("RL", "X"), ("X", 1), ("O", 0.95), ("T", 0.96), ("W", 0.97), ("U", 1));
            var rc = Metric(vector.Get("RC", "X"), ("X", 1), ("U", 0.92), ("R", 0.96), ("C", 1));
            var temporal = Round(baseScore * e * rl * rc, v31);

            var cr = Requirement(vector.Get("CR", "X"));
            var ir = Requirement(vector.Get("IR", "X"));
            var ar = Requirement(vector.Get("AR", "X"));
            var ms = Modified(vector, "MS", "S");
            var mChanged = Metric(ms, ("U", 0), ("C", 1)) == 1;
            var mav = Metric(Modified(vector, "MAV", "AV"), ("N", 0.85), ("A", 0.62), ("L", 0.55), ("P", 0.2));
            var mac = Metric(Modified(vector, "MAC", "AC"), ("L", 0.77), ("H", 0.44));
            var mpr = Pr(Modified(vector, "MPR", "PR"), mChanged);
            var mui = Metric(Modified(vector, "MUI", "UI"), ("N", 0.85), ("R", 0.62));
            var mc = Cia(Modified(vector, "MC", "C"));
            var mi = Cia(Modified(vector, "MI", "I"));
            var ma = Cia(Modified(vector, "MA", "A"));

            var miss = Math.Min(1 - (1 - cr * mc) * (1 - ir * mi) * (1 - ar * ma), 0.915);
            var mImpact = !mChanged ? 6.42 * miss
                : v31 ? 7.52 * (miss - 0.029) - 3.25 * Math.Pow(miss * 0.9731 - 0.02, 13)
                : 7.52 * (miss - 0.029) - 3.25 * Math.Pow(miss - 0.02, 15);
            var mExploitability = 8.22 * mav * mac * mpr * mui;
            var environmental = mImpact <= 0 ? 0
                : Round(Round(Math.Min((mChanged ? 1.08 : 1) * (mImpact + mExploitability), 10), v31) * e * rl * rc, v31);
            return new CvssScores(baseScore, temporal, environmental);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    public static CvssScores? V2(CvssVector vector)
    {
        try
        {
            var av = Metric(vector.Get("AV", ""), ("L", 0.395), ("A", 0.646), ("N", 1.0));
            var ac = Metric(vector.Get("AC", ""), ("H", 0.35), ("M", 0.61), ("L", 0.71));
            var au = Metric(vector.Get("Au", ""), ("M", 0.45), ("S", 0.56), ("N", 0.704));
            var conf = Impact2(vector.Get("C", ""));
            var integ = Impact2(vector.Get("I", ""));
            var avail = Impact2(vector.Get("A", ""));
            var e = Metric(vector.Get("E", "ND"), ("U", 0.85), ("POC", 0.9), ("F", 0.95), ("H", 1), ("ND", 1));
            var rl = Metric(vector.Get("RL", "ND"), ("OF", 0.87), ("TF", 0.9), ("W", 0.95), ("U", 1), ("ND", 1));
            var rc = Metric(vector.Get("RC", "ND"), ("UC", 0.9), ("UR", 0.95), ("C", 1), ("ND", 1));
            var cdp = Metric(vector.Get("CDP", "ND"), ("N", 0), ("L", 0.1), ("LM", 0.3), ("MH", 0.4), ("H", 0.5), ("ND", 0));
            var td = Metric(vector.Get("TD", "ND"), ("N", 0), ("L", 0.25), ("M", 0.75), ("H", 1), ("ND", 1));
            var cr = Requirement2(vector.Get("CR", "ND"));
            var ir = Requirement2(vector.Get("IR", "ND"));
            var ar = Requirement2(vector.Get("AR", "ND"));

            var exploitability = 20 * av * ac * au;
            double BaseWith(double impact) => Round1(((0.6 * impact) + (0.4 * exploitability) - 1.5) * (impact == 0 ? 0 : 1.176));

            var baseScore = BaseWith(10.41 * (1 - (1 - conf) * (1 - integ) * (1 - avail)));
            var temporal = Round1(baseScore * e * rl * rc);
            var adjustedImpact = Math.Min(10, 10.41 * (1 - (1 - conf * cr) * (1 - integ * ir) * (1 - avail * ar)));
            var adjustedTemporal = Round1(BaseWith(adjustedImpact) * e * rl * rc);
            var environmental = Round1((adjustedTemporal + (10 - adjustedTemporal) * cdp) * td);
            return new CvssScores(baseScore, temporal, environmental);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The qualitative rating of a v3 score (CVSS v3.x section 5).</summary>
    public static string Severity(double score) => score switch
    {
        0 => "NONE",
        < 4 => "LOW",
        < 7 => "MEDIUM",
        < 9 => "HIGH",
        _ => "CRITICAL",
    };

    private static double Metric(string value, params (string Key, double Weight)[] weights)
    {
        foreach (var (key, weight) in weights)
            if (key == value) return weight;
        throw new KeyNotFoundException(value);
    }

    private static string Modified(CvssVector vector, string modified, string metric)
    {
        var value = vector.Get(modified, "X");
        return value == "X" ? vector.Get(metric, "") : value;
    }

    private static double Pr(string value, bool changed) =>
        Metric(value, ("N", 0.85), ("L", changed ? 0.68 : 0.62), ("H", changed ? 0.5 : 0.27));

    private static double Cia(string value) => Metric(value, ("H", 0.56), ("L", 0.22), ("N", 0));

    private static double Requirement(string value) => Metric(value, ("X", 1), ("L", 0.5), ("M", 1), ("H", 1.5));

    private static double Impact2(string value) => Metric(value, ("N", 0), ("P", 0.275), ("C", 0.66));

    private static double Requirement2(string value) => Metric(value, ("L", 0.5), ("M", 1), ("H", 1.51), ("ND", 1));

    private static double Round(double value, bool v31) => v31 ? Roundup31(value) : Math.Ceiling(value * 10 - 1e-9) / 10;

    // CVSS v3.1 appendix A: round up to one decimal without floating-point surprises (4.000000001 is 4.0, not 4.1).
    private static double Roundup31(double value)
    {
        var intInput = (long)Math.Round(value * 100_000);
        return intInput % 10_000 == 0 ? intInput / 100_000.0 : (Math.Floor(intInput / 10_000.0) + 1) / 10.0;
    }

    private static double Round1(double value) => Math.Round(value + 1e-9, 1, MidpointRounding.AwayFromZero);
}
