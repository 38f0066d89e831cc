namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Why a CSAF document was refused: where (<paramref name="Path"/>, a JSON Pointer into the document, <c>""</c> for
/// the whole document), which rule (<c>json</c>, <c>size</c>, <c>csaf_version</c>, <c>schema</c>, or a CSAF 2.0
/// mandatory test id such as <c>6.1.1</c>) and what is wrong, in English.
/// </summary>
public sealed record CsafError(string Path, string Rule, string Message);
