using Microsoft.Extensions.Options;
using NetOps.Core.Inventory;

namespace NetOps.Dashboard.Hosting;

/// <summary>Tells configuration mistakes (reported as one line naming the key) from bugs (reported with a stack trace).</summary>
public static class StartupErrors
{
    public static bool IsConfigurationError(Exception e) => e switch
    {
        AggregateException a => a.InnerExceptions.All(IsConfigurationError),
        OptionsValidationException or InventoryException or FormatException or FileNotFoundException => true,
        IOException io when io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase) => true,
        InvalidOperationException { InnerException: null } => true,
        InvalidOperationException i when i.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) => true,
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
}
