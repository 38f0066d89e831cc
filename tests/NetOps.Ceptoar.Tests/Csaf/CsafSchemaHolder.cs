using NetOps.Ceptoar.Csaf;

namespace NetOps.Ceptoar.Tests.Csaf;

/// <summary>One built schema for tests that make importers with other limits.</summary>
internal static class CsafSchemaHolder
{
    private static readonly Lazy<CsafSchema> Shared = new(CsafSchema.Load);

    public static CsafSchema Schema => Shared.Value;
}
