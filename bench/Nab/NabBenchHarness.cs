using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using NetOps.Analyzer.Anomaly;
using NetOps.Analyzer.Anomaly.Nab;

namespace NetOps.Bench.Nab;

/// <summary>
/// <c>./netops bench nab [--data DIR] [--score RESULTS_DIR] [--json] [--network] [--out DIR] [--set Option=value …]</c>: runs the
/// NetOps streaming anomaly model on all 58 NAB series (or scores a published results folder) with NAB's rules and
/// prints the three profiles' scores beside SCOREBOARD.md.
/// </summary>
public static class NabBenchHarness
{
    private static readonly JsonSerializerOptions JsonOut = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        string? data = null, score = null, output = null, trace = null;
        bool json = false, files = false, network = false;
        var options = new AnomalyModelOptions();
        string label = "NetOps streaming anomaly model (AnomalyModelOptions defaults)";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Length: data = args[++i]; break;
                case "--score" when i + 1 < args.Length: score = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--set" when i + 1 < args.Length:
                    try { Set(options, args[++i]); }
                    catch (ArgumentException e)
                    {
                        Console.Error.WriteLine(e.Message);
                        return 2;
                    }
                    break;
                case "--json": json = true; break;
                case "--network": options = new AnomalyOptions().Model; network = true; label = "NetOps anomaly model, network configuration (beyond-range rule off, no known range: learnt as it goes)"; break;
                case "--files": files = true; break;
                case "--trace" when i + 1 < args.Length: trace = args[++i]; break;
                case "-h" or "--help":
                    Console.WriteLine("usage: ./netops bench nab [--data DIR] [--score RESULTS_DIR] [--json] [--network] [--files] [--out DIR] [--trace KEY] [--set Option=value]");
                    return 0;
                default:
                    Console.Error.WriteLine($"bench nab: unknown argument '{args[i]}' (--data DIR, --score DIR, --json, --out DIR, --set Option=value)");
                    return 2;
            }
        }

        string nabRoot;
        try { nabRoot = FindNab(data); }
        catch (DirectoryNotFoundException e) { Console.Error.WriteLine("bench nab: " + e.Message); return 2; }

        var total = Stopwatch.StartNew();
        var corpus = NabCorpus.Load(nabRoot);
        if (trace is not null) return Trace(corpus, options, trace, knownRange: !network);
        var load = total.Elapsed;
        Dictionary<string, double[]> scores;
        var detect = Stopwatch.StartNew();
        if (score is not null)
        {
            scores = NabResults.Load(score);
            label = "scored " + Path.GetFullPath(score);
        }
        else
        {
            scores = NabRunner.Run(corpus, options, knownRange: !network);
            if (output is not null) NabResults.Write(output, "netops", corpus, scores);
        }
        detect.Stop();
        var scorer = new NabScorer(corpus);
        var results = NabProfile.All.Select(p => scorer.Optimize(scores, p)).ToList();
        total.Stop();

        if (json)
        {
            var obj = results.ToDictionary(r => r.Profile.Name, r => new { score = Math.Round(r.Normalized, 4), threshold = r.Threshold, raw = r.Raw, tp = r.TruePositives, fp = r.FalsePositives });
            Console.WriteLine(JsonSerializer.Serialize(obj, JsonOut));
            return 0;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"NAB corpus {nabRoot}: {corpus.Series.Count} files, {corpus.Series.Sum(s => s.Count):N0} rows, {corpus.WindowCount} windows; {scores.Count} result series");
        Console.WriteLine($"{label}: exhaustive threshold sweep (NAB's current scorer), one threshold per profile for the whole corpus");
        Console.WriteLine();
        Console.WriteLine("| Detector | Standard profile | Reward low FP | Reward low FN |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(string.Create(c, $"| **{(score is null ? "NetOps anomaly" : new DirectoryInfo(score).Name)} (measured)** | **{results[0].Normalized:F1}** | **{results[1].Normalized:F1}** | **{results[2].Normalized:F1}** |"));
        foreach (var row in Scoreboard(Path.Combine(nabRoot, "SCOREBOARD.md"))) Console.WriteLine(row);
        Console.WriteLine();
        foreach (var r in results)
            Console.WriteLine(string.Create(c, $"{r.Profile.Name,-20} score {r.Normalized,8:F4}  raw {r.Raw,9:F4}  threshold {r.Threshold:R}  TP {r.TruePositives} FP {r.FalsePositives} rows"));
        if (files)
            foreach (var (key, value) in results[0].PerFile)
                Console.WriteLine(string.Create(c, $"  {value,8:F3} of {corpus.ByKey[key].Windows.Count} windows  {key}"));
        Console.WriteLine(string.Create(c, $"time: load {load.TotalSeconds:F2} s, {(score is null ? "detect" : "read results")} {detect.Elapsed.TotalSeconds:F2} s, total with scoring {total.Elapsed.TotalSeconds:F2} s"));
        return 0;
    }

    // --trace KEY: every row of one series with what the model saw, for looking at one file
    private static int Trace(NabCorpus corpus, AnomalyModelOptions options, string key, bool knownRange)
    {
        var series = corpus.ByKey[key];
        var model = new StreamingAnomalyModel(options);
        var state = knownRange ? NabRunner.NewState(series) : new AnomalySeriesState();
        Console.WriteLine("row,timestamp,value,window,score,expected,deviation,baseline");
        for (int i = 0; i < series.Count; i++)
        {
            var r = model.Observe(state, series.Timestamps[i], series.Values[i]);
            int w = series.Windows.Any(x => x.Contains(i)) ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i},{series.Timestamps[i]:s},{series.Values[i]},{w},{r.Score:F4},{r.Expected:G6},{r.Deviation:F2},{r.Baseline}"));
        }
        return 0;
    }

    /// <summary>The NAB folder: <c>--data DIR</c> (the shared data folder or the nab folder itself), else NETOPS_TEST_DATA, else ../shared/data beside the repository.</summary>
    private static string FindNab(string? data)
    {
        var candidates = new List<string>();
        if (data is not null) candidates.Add(data);
        else
        {
            if (Environment.GetEnvironmentVariable("NETOPS_TEST_DATA") is { Length: > 0 } env) candidates.Add(env);
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetOps.sln"))) dir = dir.Parent;
            if (dir is not null) candidates.Add(Path.Combine(dir.FullName, "..", "shared", "data"));
            candidates.Add(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data"));
        }
        foreach (var c in candidates)
        {
            if (File.Exists(Path.Combine(c, "labels", "combined_windows.json"))) return Path.GetFullPath(c);
            if (File.Exists(Path.Combine(c, "nab", "labels", "combined_windows.json"))) return Path.GetFullPath(Path.Combine(c, "nab"));
        }
        throw new DirectoryNotFoundException($"NAB corpus not found (looked in {string.Join(", ", candidates.Select(Path.GetFullPath))}); pass --data DIR or set NETOPS_TEST_DATA");
    }

    private static IEnumerable<string> Scoreboard(string path)
    {
        if (!File.Exists(path)) yield break;
        bool inTable = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) inTable = line.StartsWith("## Main scoreboard", StringComparison.Ordinal);
            else if (inTable && line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Detector", StringComparison.Ordinal)) yield return line;
        }
    }

    // --set LevelAlpha=0.01: one corpus-wide model setting, for exploring; the defaults are what is reported
    private static void Set(AnomalyModelOptions options, string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var property = eq < 0 ? null : typeof(AnomalyModelOptions).GetProperty(assignment[..eq], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null) throw new ArgumentException($"--set {assignment}: expected Option=value with an AnomalyModelOptions property");
        var text = assignment[(eq + 1)..];
        try
        {
            // Convert.ChangeType cannot make an enum (Scoring=Likelihood threw InvalidCastException); the type converter can
            property.SetValue(options, System.ComponentModel.TypeDescriptor.GetConverter(property.PropertyType).ConvertFromInvariantString(text));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"--set {assignment}: '{text}' is not a {property.PropertyType.Name}", e);
        }
    }
}
