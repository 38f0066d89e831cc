using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NetOps.Core.Hosting;

/// <summary>
/// Data-annotation validation whose errors name the configuration key (<c>Collector:Syslog:Port: must be between
/// 1 and 65535, not 70000</c>), so that an operator knows what to fix without reading the source.
/// </summary>
public sealed class KeyedDataAnnotationsValidation<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            return ValidateOptionsResult.Success;
        var errors = new List<string>();
        foreach (var r in results)
        {
            foreach (var member in r.MemberNames.DefaultIfEmpty(""))
            {
                var key = string.IsNullOrEmpty(section) ? member : $"{section}:{member}";
                var value = typeof(TOptions).GetProperty(member)?.GetValue(options);
                errors.Add($"{key}: {r.ErrorMessage?.Replace($"The field {member} ", "", StringComparison.Ordinal)} (is '{value}')");
            }
        }
        return ValidateOptionsResult.Fail(errors);
    }
}

public static class KeyedValidationExtensions
{
    /// <summary>Validates data annotations at start with errors that name <paramref name="section"/>'s keys.</summary>
    public static OptionsBuilder<TOptions> ValidateKeys<TOptions>(this OptionsBuilder<TOptions> builder, string section) where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new KeyedDataAnnotationsValidation<TOptions>(section));
        return builder.ValidateOnStart();
    }
}
