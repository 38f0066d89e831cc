using System.Globalization;

namespace NetOps.Analyzer.Anomaly.Nab;

/// <summary>
/// Reads and writes a NAB results folder (NOTES.md §9): <c>DIR/&lt;category&gt;/&lt;detector&gt;_&lt;data file&gt;.csv</c>
/// with an <c>anomaly_score</c> column, one row per data row; <c>*_scores.csv</c> files are skipped.
/// </summary>
public static class NabResults
{
    /// <summary>Every results file's <c>anomaly_score</c> column, keyed by its data file's key.</summary>
    public static Dictionary<string, double[]> Load(string directory)
    {
        var detector = new DirectoryInfo(directory).Name;
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.csv", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.Contains("_scores.csv", StringComparison.Ordinal)) continue;
            var category = Path.GetRelativePath(directory, Path.GetDirectoryName(file)!).Replace('\\', '/');
            if (category == ".") continue;
            // NAB strips the detector's name and an underscore from the file name to find the data file
            var dataName = name.StartsWith(detector + "_", StringComparison.Ordinal) ? name[(detector.Length + 1)..]
                : name.IndexOf('_', StringComparison.Ordinal) is int u and >= 0 ? name[(u + 1)..] : name;
            result[category + "/" + dataName] = ReadScores(file);
        }
        return result;
    }

    /// <summary>Writes one results file per series in NAB's format (<c>timestamp,value,anomaly_score,label</c>).</summary>
    public static void Write(string directory, string detector, NabCorpus corpus, IReadOnlyDictionary<string, double[]> scores)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(scores);
        foreach (var series in corpus.Series)
        {
            if (!scores.TryGetValue(series.Key, out var s)) continue;
            var slash = series.Key.LastIndexOf('/');
            var dir = Path.Combine(directory, series.Key[..slash]);
            Directory.CreateDirectory(dir);
            using var writer = new StreamWriter(Path.Combine(dir, detector + "_" + series.Key[(slash + 1)..]));
            writer.Write("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < series.Count; i++)
            {
                int label = series.Windows.Any(w => w.Contains(i)) ? 1 : 0;
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{series.Timestamps[i]:yyyy-MM-dd HH:mm:ss},{series.Values[i]:R},{s[i]:R},{label}\n"));
            }
        }
    }

    private static double[] ReadScores(string file)
    {
        using var reader = new StreamReader(file);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{file}: empty");
        int column = Array.IndexOf(header.Split(','), "anomaly_score");
        if (column < 0) throw new InvalidDataException($"{file}: no anomaly_score column");
        var scores = new List<double>();
        int line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var field = Field(text, column);
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new InvalidDataException($"{file}:{line}: anomaly_score '{field.ToString()}' is not a number");
            scores.Add(v);
        }
        return [.. scores];
    }

    private static ReadOnlySpan<char> Field(string line, int column)
    {
        var span = line.AsSpan();
        for (int c = 0; c < column; c++)
        {
            int comma = span.IndexOf(',');
            if (comma < 0) return [];
            span = span[(comma + 1)..];
        }
        int end = span.IndexOf(',');
        return end < 0 ? span : span[..end];
    }
}
