using Microsoft.Extensions.Options;

namespace NetOps.Collector.Flows;

/// <summary>Reports every bad flow key by name at start.</summary>
internal sealed class FlowOptionsValidator : IValidateOptions<FlowOptions>
{
    public ValidateOptionsResult Validate(string? name, FlowOptions options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
