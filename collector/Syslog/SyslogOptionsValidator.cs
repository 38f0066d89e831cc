using Microsoft.Extensions.Options;

namespace NetOps.Collector.Syslog;

/// <summary>Reports every bad <c>Collector:Syslog</c> key by name at start.</summary>
internal sealed class SyslogOptionsValidator : IValidateOptions<SyslogOptions>
{
    public ValidateOptionsResult Validate(string? name, SyslogOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
