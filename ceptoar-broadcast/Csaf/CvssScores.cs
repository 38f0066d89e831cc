namespace NetOps.Ceptoar.Csaf;

/// <summary>The scores a CVSS vector computes to; the temporal and environmental ones equal the base score when their metrics are absent.</summary>
internal sealed record CvssScores(double Base, double Temporal, double Environmental);
