namespace NetOps.Ceptoar.Advisories;

/// <summary>How urgent an advisory is (DESIGN.md <c>severity</c>: <c>urgent</c>, <c>warning</c>, <c>caution</c>, <c>information</c>).</summary>
public enum AdvisorySeverity
{
    /// <summary>緊急: act now (68 urgent sends in one year).</summary>
    Urgent,
    /// <summary>警告.</summary>
    Warning,
    /// <summary>注意.</summary>
    Caution,
    /// <summary>情報.</summary>
    Information,
}
