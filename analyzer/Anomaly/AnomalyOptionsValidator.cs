using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace NetOps.Analyzer.Anomaly;

/// <summary>Validates <see cref="AnomalyOptions"/> at start; every error names its key (<c>Analyzer:Anomaly:Thresholds:town: …</c>).</summary>
public sealed class AnomalyOptionsValidator : IValidateOptions<AnomalyOptions>
{
    public ValidateOptionsResult Validate(string? name, AnomalyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Annotations(options, AnomalyOptions.Section, errors);
        Annotations(options.Model, AnomalyOptions.Section + ":Model", errors);
        if (options.Model.SaturationSigmas <= options.Model.NoiseSigmas)
            errors.Add($"{AnomalyOptions.Section}:Model:SaturationSigmas: must be above NoiseSigmas ({options.Model.NoiseSigmas.ToString(CultureInfo.InvariantCulture)})");
        foreach (var (siteClass, threshold) in options.Thresholds)
        {
            if (!AnomalyOptions.SiteClasses.Contains(siteClass, StringComparer.OrdinalIgnoreCase))
                errors.Add($"{AnomalyOptions.Section}:Thresholds:{siteClass}: unknown site class (use {string.Join(", ", AnomalyOptions.SiteClasses)})");
            else if (!(threshold > 0 && threshold <= 1))
                errors.Add($"{AnomalyOptions.Section}:Thresholds:{siteClass}: must be in (0, 1] (is '{threshold.ToString(CultureInfo.InvariantCulture)}')");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Annotations(object options, string section, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return;
        foreach (var r in results)
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
            {
                var value = options.GetType().GetProperty(member)?.GetValue(options);
                var text = string.Format(CultureInfo.InvariantCulture, "{0}", value);
                errors.Add($"{section}:{member}: {r.ErrorMessage?.Replace($"The field {member} ", "", StringComparison.Ordinal)} (is '{text}')");
            }
    }
}
