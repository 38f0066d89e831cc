using System.Text.Json;
using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Silencing;
using NetOps.Core.Alerting.Storage;

namespace NetOps.Alerting.Store;

/// <summary>A silence matcher as the API and the row hold it (Alertmanager's v2 shape).</summary>
public sealed record SilenceMatcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true);

/// <summary>Between <see cref="SilenceRecord"/> rows and <see cref="Silence"/>.</summary>
public static class SilenceRows
{
    public static IReadOnlyList<SilenceMatcher> Matchers(SilenceRecord row) =>
        JsonSerializer.Deserialize<List<SilenceMatcher>>(row.MatchersJson, AlertRows.Json) ?? [];

    /// <summary>The silence, or null when a stored matcher no longer compiles (it then silences nothing, and the page shows it).</summary>
    public static Silence? ToSilence(SilenceRecord row)
    {
        var matchers = new List<LabelMatcher>();
        foreach (var m in Matchers(row))
        {
            if (!LabelMatcher.TryCreate(m.Name, m.Value, m.IsRegex, !m.IsEqual, out var made, out _)) return null;
            matchers.Add(made);
        }
        return new Silence($"silence:{row.Id}", matchers, row.StartsAt, row.ExpiredAt is { } e && e < row.EndsAt ? e : row.EndsAt,
            row.CreatedBy, row.Comment, row.Maintenance);
    }
}
