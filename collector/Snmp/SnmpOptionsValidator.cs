using Microsoft.Extensions.Options;

namespace NetOps.Collector.Snmp;

/// <summary>Reports every bad <c>Collector:Snmp</c> key by name at start.</summary>
internal sealed class SnmpOptionsValidator : IValidateOptions<SnmpOptions>
{
    public ValidateOptionsResult Validate(string? name, SnmpOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
