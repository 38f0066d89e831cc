namespace NetOps.Ceptoar.Csaf;

/// <summary>Limits for a document from outside: the importer refuses anything bigger or deeper before parsing it.</summary>
public sealed record CsafImportOptions
{
    /// <summary>The largest advisory seen in the OASIS and CISA sets is under 1 MiB; 16 MiB leaves room for big VEX files.</summary>
    public int MaxDocumentBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>CSAF nests branches a few levels deep; 64 keeps a crafted document from exhausting the stack.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Errors past this many are dropped (with one error saying so), so a hostile document cannot flood a 422.</summary>
    public int MaxErrors { get; init; } = 200;
}
