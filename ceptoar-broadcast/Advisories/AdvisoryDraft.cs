namespace NetOps.Ceptoar.Advisories;

/// <summary>
/// The content of an advisory before anyone approves it: what a publisher writes (<c>POST /api/v1/advisories</c>) and
/// what a CSAF 2.0 import maps to (<c>POST /api/v1/advisories/import</c>). Recipients, author and state belong to the
/// stored advisory, not to its content.
/// </summary>
/// <param name="Title">One line, no line breaks (it becomes the mail subject).</param>
/// <param name="Body">Japanese text of the advisory.</param>
/// <param name="Source">Who issued it: NISC, JPCERT/CC, IPA or a vendor's name (CSAF: <c>document.publisher.name</c>).</param>
/// <param name="References">CVE and JVN ids and reference URLs.</param>
/// <param name="AffectedProducts">Product names (CSAF: the known-affected products' full names).</param>
/// <param name="RecommendedActions">What a local government should do (CSAF: remediations, vendor fixes, mitigations).</param>
/// <param name="TrackingId">The issuer's own id (CSAF: <c>document.tracking.id</c>), if any.</param>
/// <param name="Supersedes">For a correction or retraction: the id of the advisory it corrects or retracts.</param>
public sealed record AdvisoryDraft(
    string Title,
    string Body,
    AdvisorySeverity Severity,
    TrafficLightProtocol Tlp,
    string Source,
    IReadOnlyList<string> References,
    IReadOnlyList<string> AffectedProducts,
    IReadOnlyList<string> RecommendedActions,
    AdvisoryKind Kind = AdvisoryKind.Advisory,
    string? TrackingId = null,
    long? Supersedes = null);
