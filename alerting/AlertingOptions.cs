using Microsoft.Extensions.Options;
using NetOps.Alerting.OnCall;

namespace NetOps.Alerting;

/// <summary><c>Alerting</c> section. The routing, grouping, silence and inhibition logic is built (Dispatch/, Silencing/, Inhibition/); the store, mail and pages are not wired yet.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary><c>Alerting:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Alerting:OnCall</c>: schedules, policies and routes that seed the on-call setup.</summary>
    public OnCallOptions OnCall { get; set; } = new();
}

/// <summary>Names every bad <c>Alerting:OnCall</c> key at start.</summary>
internal sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var (_, errors) = options.OnCall.Compile(TimeZones.Find);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>IANA time zones by id; null for an unknown one instead of an exception.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
