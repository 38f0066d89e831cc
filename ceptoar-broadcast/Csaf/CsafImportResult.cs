using System.Diagnostics.CodeAnalysis;
using NetOps.Ceptoar.Advisories;

namespace NetOps.Ceptoar.Csaf;

/// <summary>Either the draft a valid CSAF 2.0 document maps to, or every reason the document was refused.</summary>
public sealed class CsafImportResult
{
    private CsafImportResult(AdvisoryDraft? draft, IReadOnlyList<CsafError> errors)
    {
        Draft = draft;
        Errors = errors;
    }

    public AdvisoryDraft? Draft { get; }

    /// <summary>Empty when <see cref="Draft"/> is set; otherwise at least one error.</summary>
    public IReadOnlyList<CsafError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Draft))]
    public bool IsValid => Draft is not null;

    public static CsafImportResult Accepted(AdvisoryDraft draft) => new(draft, []);

    public static CsafImportResult Rejected(IReadOnlyList<CsafError> errors) =>
        new(null, errors.Count > 0 ? errors : [new CsafError("", "internal", "rejected without a reason")]);
}
