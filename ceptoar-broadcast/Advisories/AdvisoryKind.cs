namespace NetOps.Ceptoar.Advisories;

/// <summary>What a send is: an advisory, a newsletter, or a correction or retraction of an earlier one (which references it).</summary>
public enum AdvisoryKind
{
    Advisory,
    Newsletter,
    Correction,
    Retraction,
}
