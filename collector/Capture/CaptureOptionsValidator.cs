using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Capture;

/// <summary>
/// Checks what data annotations cannot; each error names its key. The inventory is asked for only when a site is
/// set: taking it in the constructor would migrate and seed the state DB before any other setting is checked, so a
/// bad port would be reported after seconds of work instead of at once.
/// </summary>
internal sealed class CaptureOptionsValidator(IServiceProvider services) : IValidateOptions<CaptureOptions>
{
    public ValidateOptionsResult Validate(string? name, CaptureOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Site) && services.GetRequiredService<IInventorySource>().Current.FindSite(options.Site.Trim()) is null)
            errors.Add($"{CaptureOptions.Section}:Site: '{options.Site}' is not a site code in the inventory");
        if (options.Sensor is { Length: > 64 })
            errors.Add($"{CaptureOptions.Section}:Sensor: longer than 64 characters");
        if (options.Sensor is { } s && s.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0)
            errors.Add($"{CaptureOptions.Section}:Sensor: '{s}' must not contain spaces or control characters");
        if (options.ScanTopN > options.ScanSources)
            errors.Add($"{CaptureOptions.Section}:ScanSources: must be at least ScanTopN ({options.ScanTopN}), is {options.ScanSources}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
