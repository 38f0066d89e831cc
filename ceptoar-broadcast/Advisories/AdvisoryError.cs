namespace NetOps.Ceptoar.Advisories;

/// <summary>Why a draft cannot be stored: the field at fault (<c>title</c>, <c>recipients</c>, <c>supersedes</c>) and what is wrong.</summary>
public sealed record AdvisoryError(string Field, string Message);
