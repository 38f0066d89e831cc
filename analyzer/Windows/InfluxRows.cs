using System.Text.Json;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Windows;

/// <summary>Reading InfluxQL result rows in the window detectors: numbers that may come as integers, floats or null; ns times; strings.</summary>
internal static class InfluxRows
{
    public static double Number(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 0;

    public static string Text(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : "";

    public static DateTimeOffset Time(IReadOnlyDictionary<string, JsonElement> row) =>
        row.TryGetValue("time", out var e) && e.ValueKind == JsonValueKind.Number ? Point.FromNanoseconds(e.GetInt64()) : DateTimeOffset.MinValue;

    /// <summary>The series' site tag (the window queries group by site).</summary>
    public static string Site(InfluxSeries series) => series.Tags.GetValueOrDefault("site") ?? "";
}
