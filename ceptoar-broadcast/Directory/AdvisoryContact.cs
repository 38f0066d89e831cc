namespace NetOps.Ceptoar.Directory;

/// <summary>One advisory contact of a local government: where its advisories go and who reads them there (e.g. 情報政策課, CISO).</summary>
public sealed record AdvisoryContact(string Code, string Address, string Role);
