namespace NetOps.Ceptoar.Csaf.Mandatory;

/// <summary>
/// The mandatory tests of CSAF 2.0 section 6.1, one method each, named after the test and its number. They run on a
/// schema-valid document but read it defensively (<see cref="JsonAccess"/>), so none of them can throw.
/// </summary>
internal static partial class MandatoryTests
{
    public static readonly IReadOnlyList<(string Id, Action<CsafTestContext> Run)> All =
    [
        ("6.1.1", MissingDefinitionOfProductId_6_1_1),
        ("6.1.2", MultipleDefinitionOfProductId_6_1_2),
        ("6.1.3", CircularDefinitionOfProductId_6_1_3),
        ("6.1.4", MissingDefinitionOfProductGroupId_6_1_4),
        ("6.1.5", MultipleDefinitionOfProductGroupId_6_1_5),
        ("6.1.6", ContradictingProductStatus_6_1_6),
        ("6.1.7", MultipleScoresWithSameVersionPerProduct_6_1_7),
        // 6.1.8 (Invalid CVSS) is the schema check of the CVSS objects: CsafImporter labels those schema errors 6.1.8.
        ("6.1.9", InvalidCvssComputation_6_1_9),
        ("6.1.10", InconsistentCvss_6_1_10),
        ("6.1.11", Cwe_6_1_11),
        ("6.1.12", Language_6_1_12),
        ("6.1.13", Purl_6_1_13),
        ("6.1.14", SortedRevisionHistory_6_1_14),
        ("6.1.15", Translator_6_1_15),
        ("6.1.16", LatestDocumentVersion_6_1_16),
        ("6.1.17", DocumentStatusDraft_6_1_17),
        ("6.1.18", ReleasedRevisionHistory_6_1_18),
        ("6.1.19", RevisionHistoryEntriesForPreReleaseVersions_6_1_19),
        ("6.1.20", NonDraftDocumentVersion_6_1_20),
        ("6.1.21", MissingItemInRevisionHistory_6_1_21),
        ("6.1.22", MultipleDefinitionInRevisionHistory_6_1_22),
        ("6.1.23", MultipleUseOfSameCve_6_1_23),
        ("6.1.24", MultipleDefinitionInInvolvements_6_1_24),
        ("6.1.25", MultipleUseOfSameHashAlgorithm_6_1_25),
        ("6.1.26", ProhibitedDocumentCategoryName_6_1_26),
        ("6.1.27.1", DocumentNotes_6_1_27_1),
        ("6.1.27.2", DocumentReferences_6_1_27_2),
        ("6.1.27.3", VulnerabilitiesAbsent_6_1_27_3),
        ("6.1.27.4", ProductTree_6_1_27_4),
        ("6.1.27.5", VulnerabilityNotes_6_1_27_5),
        ("6.1.27.6", ProductStatus_6_1_27_6),
        ("6.1.27.7", VexProductStatus_6_1_27_7),
        ("6.1.27.8", VulnerabilityId_6_1_27_8),
        ("6.1.27.9", ImpactStatement_6_1_27_9),
        ("6.1.27.10", ActionStatement_6_1_27_10),
        ("6.1.27.11", VulnerabilitiesPresent_6_1_27_11),
        ("6.1.28", Translation_6_1_28),
        ("6.1.29", RemediationWithoutProductReference_6_1_29),
        ("6.1.30", MixedIntegerAndSemanticVersioning_6_1_30),
        ("6.1.31", VersionRangeInProductVersion_6_1_31),
        ("6.1.32", FlagWithoutProductReference_6_1_32),
        ("6.1.33", MultipleFlagsWithVexJustificationCodesPerProduct_6_1_33),
    ];

    public static IReadOnlyList<CsafError> Run(CsafTestContext context)
    {
        foreach (var (_, run) in All) run(context);
        return context.Errors;
    }
}
