using System.Globalization;

namespace NetOps.Bench.Ingest;

/// <summary>Command-line options of <c>bench syslog</c>.</summary>
public sealed class IngestBenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench -- syslog [options]
          --seconds N          send for N seconds per rate and peer (default 10)
          --rates R1,R2,...    target messages per second (default 20000,50000,100000,200000)
          --warmup-seconds N   unmeasured sending before each run, so NetOps is jitted (default 2)
          --skip-rsyslog       measure NetOps only
          --skip-netops        measure rsyslog only
          --no-build           do not rebuild dashboard/bin/Release/net10.0/NetOps.dll when sources are newer
          --keep               keep the temporary directory (configs, logs, rsyslog output)
        """;

    public int Seconds { get; private set; } = 10;
    public IReadOnlyList<int> Rates { get; private set; } = [20_000, 50_000, 100_000, 200_000];
    public int WarmupSeconds { get; private set; } = 2;
    public bool SkipRsyslog { get; private set; }
    public bool SkipNetOps { get; private set; }
    public bool NoBuild { get; private set; }
    public bool Keep { get; private set; }

    /// <summary>Parses <paramref name="args"/>; on a bad argument returns false with an error that names it.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out IngestBenchOptions options, out string? error)
    {
        options = new IngestBenchOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0) { inline = arg[(eq + 1)..]; arg = arg[..eq]; }
            string? Value() => inline ?? (i + 1 < args.Count ? args[++i] : null);

            switch (arg)
            {
                case "--seconds":
                    if (!TryPositive(Value(), 3600, out var s)) { error = "--seconds needs a whole number from 1 to 3600"; return false; }
                    options.Seconds = s;
                    break;
                case "--warmup-seconds":
                    var w = Value();
                    if (w == "0") { options.WarmupSeconds = 0; break; }
                    if (!TryPositive(w, 600, out var ws)) { error = "--warmup-seconds needs a whole number from 0 to 600"; return false; }
                    options.WarmupSeconds = ws;
                    break;
                case "--rates":
                    var list = Value();
                    var rates = new List<int>();
                    foreach (var part in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!TryPositive(part.Replace("_", "", StringComparison.Ordinal), 10_000_000, out var r))
                        { error = $"--rates: '{part}' is not a rate from 1 to 10000000 messages/s"; return false; }
                        rates.Add(r);
                    }
                    if (rates.Count == 0) { error = "--rates needs a comma-separated list, e.g. 20000,50000"; return false; }
                    options.Rates = rates;
                    break;
                case "--skip-rsyslog": options.SkipRsyslog = true; break;
                case "--skip-netops": options.SkipNetOps = true; break;
                case "--no-build": options.NoBuild = true; break;
                case "--keep": options.Keep = true; break;
                default:
                    error = $"unknown option '{args[i]}'";
                    return false;
            }
        }
        return true;
    }

    private static bool TryPositive(string? text, int max, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;
}
