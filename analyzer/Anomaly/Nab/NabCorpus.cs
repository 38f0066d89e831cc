using System.Globalization;
using System.Text.Json;

namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// The NAB corpus as the scorer reads it: the 58 data files under <c>data/</c> and their windows from
/// <c>labels/combined_windows.json</c>, each window edge mapped to the first row with that timestamp (NOTES.md §1).
/// </summary>
public sealed class NabCorpus
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.ffffff", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    private NabCorpus(string root, IReadOnlyList<NabSeries> series)
    {
        Root = root;
        Series = series;
        WindowCount = series.Sum(s => s.Windows.Count);
        ByKey = series.ToDictionary(s => s.Key, StringComparer.Ordinal);
    }

    /// <summary>The NAB folder (holding <c>data/</c> and <c>labels/</c>).</summary>
    public string Root { get; }

    /// <summary>Every data file, ordered by key.</summary>
    public IReadOnlyList<NabSeries> Series { get; }

    public IReadOnlyDictionary<string, NabSeries> ByKey { get; }

    /// <summary>All windows of the corpus (116 in NAB v1.x): what "perfect" and "null" count.</summary>
    public int WindowCount { get; }

    /// <summary>Loads the corpus from a NAB folder; throws <see cref="InvalidDataException"/> naming the file on a bad row or window.</summary>
    public static NabCorpus Load(string nabRoot)
    {
        var dataDir = Path.Combine(nabRoot, "data");
        var windowsPath = Path.Combine(nabRoot, "labels", "combined_windows.json");
        if (!Directory.Exists(dataDir)) throw new DirectoryNotFoundException($"NAB data folder not found: {dataDir}");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(windowsPath));
        var series = new List<NabSeries>();
        foreach (var file in Directory.EnumerateFiles(dataDir, "*.csv", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(dataDir, file).Replace('\\', '/');
            var (timestamps, values) = ReadData(file);
            var windows = new List<NabWindow>();
            if (doc.RootElement.TryGetProperty(key, out var list))
            {
                foreach (var pair in list.EnumerateArray())
                {
                    var start = ParseTimestamp(pair[0].GetString(), windowsPath);
                    var end = ParseTimestamp(pair[1].GetString(), windowsPath);
                    int first = FirstRowAtOrAfter(timestamps, start, key);
                    int last = LastRowAtOrBefore(timestamps, end, key);
                    windows.Add(new NabWindow(first, last));
                }
            }
            series.Add(new NabSeries(key, timestamps, values, windows));
        }
        series.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new NabCorpus(nabRoot, series);
    }

    /// <summary>Parses <c>YYYY-MM-DD HH:MM:SS</c> (the CSVs) or with <c>.ffffff</c> (the JSON), as UTC.</summary>
    public static bool TryParseTimestamp(string? text, out DateTime value) =>
        DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    private static DateTime ParseTimestamp(string? text, string file) =>
        TryParseTimestamp(text, out var t) ? t : throw new InvalidDataException($"{file}: bad timestamp '{text}'");

    private static (List<DateTime>, List<double>) ReadData(string file)
    {
        var timestamps = new List<DateTime>();
        var values = new List<double>();
        int line = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (line == 1 || text.Length == 0) continue;
            int comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !TryParseTimestamp(text[..comma], out var t)
                || !double.TryParse(text.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new InvalidDataException($"{file}:{line}: expected 'timestamp,value', got '{text}'");
            timestamps.Add(t);
            values.Add(v);
        }
        return (timestamps, values);
    }

    // NAB finds a window edge with a list index lookup: the first row holding that timestamp (NOTES.md §1).
    private static int FirstRowAtOrAfter(List<DateTime> timestamps, DateTime t, string key)
    {
        int exact = timestamps.IndexOf(t);
        if (exact >= 0) return exact;
        for (int i = 0; i < timestamps.Count; i++) if (timestamps[i] > t) return i;
        throw new InvalidDataException($"{key}: window start {t:O} is after the last row");
    }

    private static int LastRowAtOrBefore(List<DateTime> timestamps, DateTime t, string key)
    {
        int exact = timestamps.IndexOf(t);
        if (exact >= 0) return exact;
        for (int i = timestamps.Count - 1; i >= 0; i--) if (timestamps[i] < t) return i;
        throw new InvalidDataException($"{key}: window end {t:O} is before the first row");
    }
}
