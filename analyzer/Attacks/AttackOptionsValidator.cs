using Microsoft.Extensions.Options;

namespace NetOps.Analyzer.Attacks;

/// <summary>Checks every <c>Analyzer:Attacks</c> key at start (and on reload); each error names its key.</summary>
internal sealed class AttackOptionsValidator : IValidateOptions<AttackOptions>
{
    public ValidateOptionsResult Validate(string? name, AttackOptions options)
    {
        var errors = new List<string>();
        const string s = AttackOptions.Section;
        var b = options.Baseline;
        Range(errors, $"{s}:Baseline:Alpha", b.Alpha, 0.0001, 1);
        Range(errors, $"{s}:Baseline:Ratio", b.Ratio, 1, 1_000_000);
        Range(errors, $"{s}:Baseline:Mads", b.Mads, 0, 1_000_000);
        Range(errors, $"{s}:Baseline:MinSamples", b.MinSamples, 1, 100_000);
        var p = options.PortScan;
        Range(errors, $"{s}:PortScan:MinPorts", p.MinPorts, 2, 65_536);
        Range(errors, $"{s}:PortScan:MinHosts", p.MinHosts, 2, 1 << 24);
        Range(errors, $"{s}:PortScan:MaxSources", p.MaxSources, 1, 100);
        var f = options.SynFlood;
        Range(errors, $"{s}:SynFlood:BucketSeconds", f.BucketSeconds, 1, 3600);
        Range(errors, $"{s}:SynFlood:MinSynsPerSecond", f.MinSynsPerSecond, 0.001, 1e9);
        Range(errors, $"{s}:SynFlood:MaxSynAckRatio", f.MaxSynAckRatio, 0, 1);
        Range(errors, $"{s}:SynFlood:MaxSources", f.MaxSources, 0, 100);
        var a = options.BruteForce;
        Range(errors, $"{s}:BruteForce:BucketSeconds", a.BucketSeconds, 1, 86_400);
        Range(errors, $"{s}:BruteForce:MinFailures", a.MinFailures, 2, 1_000_000);
        Range(errors, $"{s}:BruteForce:SampleEvents", a.SampleEvents, 1, 10_000);
        var d = options.DenySurge;
        Range(errors, $"{s}:DenySurge:BucketSeconds", d.BucketSeconds, 1, 86_400);
        Range(errors, $"{s}:DenySurge:MinDeniesPerSecond", d.MinDeniesPerSecond, 0.001, 1e9);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}: must be between {min} and {max} (is '{value}')"));
    }
}
