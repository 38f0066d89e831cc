using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Inventory;

namespace NetOps.Dashboard.Hosting;

/// <summary>
/// Tells configuration mistakes (reported as one line naming the key) from bugs (reported with a stack trace). Only
/// what is known to be a configuration or start-up validation error gets the one-line treatment: options validation,
/// the inventory, <see cref="NetOpsConfigurationException"/>, the configuration files and binder, a taken HTTP port,
/// and an <see cref="InvalidOperationException"/> whose message starts with the key it names.
/// </summary>
public static partial class StartupErrors
{
    public static bool IsConfigurationError(Exception e) => e switch
    {
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsConfigurationError),
        OptionsValidationException or InventoryException or NetOpsConfigurationException => true,
        // The configuration builder: a --config file that is missing or is not JSON.
        FileNotFoundException f => f.Message.Contains("configuration file", StringComparison.OrdinalIgnoreCase) || StartsWithKey().IsMatch(f.Message),
        FormatException f => f.InnerException is JsonException || f.Message.Contains("JSON", StringComparison.Ordinal) || StartsWithKey().IsMatch(f.Message),
        IOException io when io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase) => true,
        // The binder: "Failed to convert configuration value at 'Collector:Syslog:Port' to type 'System.Int32'".
        InvalidOperationException i when i.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase) => true,
        // A part's own start-up check that names its key first ("Dashboard:Url 'x' is not an http:// URL").
        InvalidOperationException i => StartsWithKey().IsMatch(i.Message),
        _ => false,
    };

    public static string Describe(Exception e) => e switch
    {
        AggregateException a => string.Join("; ", a.InnerExceptions.Select(Describe)),
        OptionsValidationException o => string.Join("; ", o.Failures),
        IOException io when io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase) => $"Dashboard:Url: {io.Message}",
        InvalidOperationException { InnerException: { } inner } i => $"{i.Message} ({inner.Message})",
        _ => e.Message,
    };

    /// <summary>A message that starts with a configuration key: <c>Section:Key</c>, or a top-level key or option followed by a colon.</summary>
    [GeneratedRegex(@"^(?:[A-Z][A-Za-z0-9]*(?::[A-Za-z0-9]+)+[ :']|(?:Roles|DataDir|--config): )")]
    private static partial Regex StartsWithKey();
}
