namespace NetOps.Ceptoar.Csaf;

/// <summary>Limits for a document from outside: the importer refuses anything bigger or deeper before parsing it.</summary>
public sealed record CsafImportOptions
{
    /// <summary>The largest advisory seen in the OASIS and CISA sets is under 1 MiB; 16 MiB leaves room for big VEX files.</summary>
    public int MaxDocumentBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>CSAF nests branches a few levels deep; 64 keeps a crafted document from exhausting the stack.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// JSON values in one document. Real advisories have a few thousand (Cisco's 259-product advisory: 2,655); the
    /// schema check costs tens of microseconds per failing value, so this bounds what a crafted document can cost.
    /// </summary>
    public int MaxValues { get; init; } = 100_000;

    /// <summary>
    /// Items in one array. JsonSchema.Net checks <c>uniqueItems</c> (on product id lists among others) by comparing
    /// every pair, so one long array costs its length squared: 10,000 items take about half a second.
    /// </summary>
    public int MaxArrayItems { get; init; } = 10_000;

    /// <summary>
    /// A document that fails the schema and has more values than this gets one error without the list of each failure
    /// (listing them costs tens of microseconds per failing value: 1.4 s for 20,000).
    /// </summary>
    public int MaxValuesForSchemaDetails { get; init; } = 20_000;

    /// <summary>Errors past this many are dropped (with one error saying so), so a hostile document cannot flood a 422.</summary>
    public int MaxErrors { get; init; } = 200;
}
