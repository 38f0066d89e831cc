using System.Globalization;

namespace NetOps.Ceptoar.Csaf.Mandatory;

internal static partial class MandatoryTests
{
    private sealed record Revision(string Number, CsafVersionNumber? Version, DateTimeOffset Date, string Path);

    /// <summary>
    /// The revision history sorted ascending by date; revisions of the same instant are taken in version order (the
    /// OASIS examples give two revisions one timestamp and expect the higher number to be the latest).
    /// </summary>
    private static List<Revision> SortedRevisions(CsafTestContext c)
    {
        var list = new List<Revision>();
        if (c.Document.Obj("tracking") is not { } tracking) return list;
        foreach (var (item, path) in tracking.Items("revision_history", "/document/tracking"))
        {
            if (item.Str("number") is not { } number) continue;
            if (!DateTimeOffset.TryParse(item.Str("date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                continue;
            list.Add(new Revision(number, CsafVersionNumber.TryParse(number), date, path));
        }
        return [.. list.OrderBy(r => r.Date).ThenBy(r => r.Version)];
    }

    private static string? TrackingVersion(CsafTestContext c) => c.Document.Obj("tracking")?.Str("version");

    private static string? TrackingStatus(CsafTestContext c) => c.Document.Obj("tracking")?.Str("status");

    private static bool IsReleased(CsafTestContext c) => TrackingStatus(c) is "final" or "interim";

    private static void SortedRevisionHistory_6_1_14(CsafTestContext c)
    {
        var sorted = SortedRevisions(c);
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i - 1].Version is { } previous && sorted[i].Version is { } current && current.CompareTo(previous) < 0)
                c.Fail(sorted[i].Path + "/number", "6.1.14",
                    $"revision '{sorted[i].Number}' is dated after revision '{sorted[i - 1].Number}' but has a lower number");
    }

    private static void LatestDocumentVersion_6_1_16(CsafTestContext c)
    {
        var sorted = SortedRevisions(c);
        if (sorted.Count == 0 || CsafVersionNumber.TryParse(TrackingVersion(c)) is not { } version || sorted[^1].Version is not { } latest)
            return;
        // Build metadata never counts; a draft may carry a pre-release part that its latest revision lacks.
        var draft = TrackingStatus(c) == "draft";
        if (version.Core(draft) != latest.Core(draft))
            c.Fail("/document/tracking/version", "6.1.16",
                $"the document version '{TrackingVersion(c)}' is not the number of the latest revision by date, '{sorted[^1].Number}'");
    }

    private static void DocumentStatusDraft_6_1_17(CsafTestContext c)
    {
        if (CsafVersionNumber.TryParse(TrackingVersion(c)) is not { } version || TrackingStatus(c) == "draft") return;
        if (version.IsZero || version.IsPreRelease)
            c.Fail("/document/tracking/status", "6.1.17",
                $"the document version '{TrackingVersion(c)}' is a pre-release, so the status must be 'draft', not '{TrackingStatus(c)}'");
    }

    private static void ReleasedRevisionHistory_6_1_18(CsafTestContext c)
    {
        if (!IsReleased(c)) return;
        foreach (var r in SortedRevisions(c))
            if (r.Version is { IsZero: true })
                c.Fail(r.Path + "/number", "6.1.18", $"the document is {TrackingStatus(c)} but its history has revision '{r.Number}' (0 or 0.y.z)");
    }

    private static void RevisionHistoryEntriesForPreReleaseVersions_6_1_19(CsafTestContext c)
    {
        foreach (var r in SortedRevisions(c))
            if (r.Version is { IsPreRelease: true })
                c.Fail(r.Path + "/number", "6.1.19", $"revision '{r.Number}' has a pre-release part");
    }

    private static void NonDraftDocumentVersion_6_1_20(CsafTestContext c)
    {
        if (IsReleased(c) && CsafVersionNumber.TryParse(TrackingVersion(c)) is { IsPreRelease: true })
            c.Fail("/document/tracking/version", "6.1.20",
                $"the document is {TrackingStatus(c)} but its version '{TrackingVersion(c)}' is a pre-release");
    }

    private static void MissingItemInRevisionHistory_6_1_21(CsafTestContext c)
    {
        // Only the major version (the whole number for integer versioning) must not skip, and it starts at 0 or 1.
        var sorted = SortedRevisions(c).Where(r => r.Version is not null).ToList();
        if (sorted.Count == 0) return;
        if (sorted[0].Version!.Major > 1)
            c.Fail(sorted[0].Path + "/number", "6.1.21", $"the earliest revision is '{sorted[0].Number}', not 0 or 1");
        for (var i = 1; i < sorted.Count; i++)
        {
            long previous = sorted[i - 1].Version!.Major, current = sorted[i].Version!.Major;
            if (current > previous + 1)
                c.Fail(sorted[i].Path + "/number", "6.1.21",
                    $"the revision history goes from '{sorted[i - 1].Number}' to '{sorted[i].Number}': version {previous + 1} is missing");
        }
    }

    private static void MultipleDefinitionInRevisionHistory_6_1_22(CsafTestContext c)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (c.Document.Obj("tracking") is not { } tracking) return;
        foreach (var (item, path) in tracking.Items("revision_history", "/document/tracking"))
            if (item.Str("number") is { } number && !seen.Add(number))
                c.Fail(path + "/number", "6.1.22", $"revision number '{number}' is used more than once");
    }

    private static void MixedIntegerAndSemanticVersioning_6_1_30(CsafTestContext c)
    {
        var version = CsafVersionNumber.TryParse(TrackingVersion(c));
        if (version is null || c.Document.Obj("tracking") is not { } tracking) return;
        foreach (var (item, path) in tracking.Items("revision_history", "/document/tracking"))
            if (CsafVersionNumber.TryParse(item.Str("number")) is { } number && number.IsSemantic != version.IsSemantic)
                c.Fail(path + "/number", "6.1.30",
                    $"revision '{item.Str("number")}' uses {(number.IsSemantic ? "semantic" : "integer")} versioning but the document version '{TrackingVersion(c)}' does not");
    }
}
