using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NetOps.Alerting.Inhibition;
using NetOps.Alerting.OnCall;

namespace NetOps.Alerting;

/// <summary><c>Alerting</c> section: how detections become alerts, how often the engine looks, and how pages are mailed.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary><c>Alerting:Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>Alerting:OnCall</c>: schedules, policies and routes that seed the on-call setup.</summary>
    public OnCallOptions OnCall { get; set; } = new();

    /// <summary>
    /// <c>Alerting:Inhibit</c>: inhibition rules beside the LGWAN tree's own, in Alertmanager's shape (each
    /// <c>SourceMatchers</c>, <c>TargetMatchers</c> as matcher strings, <c>Equal</c> label names).
    /// </summary>
    public List<InhibitRuleOptions> Inhibit { get; set; } = [];

    /// <summary><c>Alerting:EvaluateSeconds</c>: the engine's pass when nothing wakes it sooner (a new detection, a flush or a step falling due wake it at once).</summary>
    [Range(1, 3600)] public int EvaluateSeconds { get; set; } = 15;

    /// <summary><c>Alerting:ResolveAfterMinutes</c>: an attack, anomaly or degradation alert resolves when its detector has not seen it for this long. Failovers and outages resolve only when the line is back.</summary>
    [Range(1, 10_080)] public int ResolveAfterMinutes { get; set; } = 30;

    /// <summary><c>Alerting:LinkHours</c>: how long the acknowledgement link in a page stays valid.</summary>
    [Range(1, 720)] public int LinkHours { get; set; } = 72;

    /// <summary><c>Alerting:MaxAlertsPerMail</c>: alerts listed one by one in a page; a larger group is a digest with the rest counted.</summary>
    [Range(1, 1000)] public int MaxAlertsPerMail { get; set; } = 20;

    /// <summary><c>Alerting:Delivery:*</c>: retries of pages the SMTP server deferred.</summary>
    public AlertDeliveryOptions Delivery { get; set; } = new();
}

/// <summary><c>Alerting:Delivery</c>.</summary>
public sealed class AlertDeliveryOptions
{
    /// <summary><c>Alerting:Delivery:MaxAttempts</c>: tries before a page that only ever gets 4xx or timeouts is failed.</summary>
    [Range(1, 1000)] public int MaxAttempts { get; set; } = 10;

    /// <summary><c>Alerting:Delivery:RetryInitialSeconds</c>: the wait after the first 4xx or timeout; doubled each time.</summary>
    [Range(0.01, 86_400)] public double RetryInitialSeconds { get; set; } = 5;

    /// <summary><c>Alerting:Delivery:RetryMaxSeconds</c>.</summary>
    [Range(0.01, 86_400)] public double RetryMaxSeconds { get; set; } = 300;

    /// <summary><c>Alerting:Delivery:TimeoutSeconds</c>: the SMTP client's timeout.</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 20;

    /// <summary><c>Alerting:Delivery:PollMilliseconds</c>: how often an idle sender looks for due pages made on another node.</summary>
    [Range(50, 60_000)] public int PollMilliseconds { get; set; } = 1000;
}

/// <summary>Names every bad <c>Alerting</c> key at start.</summary>
public sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var (_, errors) = options.OnCall.Compile(TimeZones.Find);
        var all = errors.ToList();
        all.AddRange(InhibitRuleOptions.Compile(options.Inhibit).Errors);
        if (options.Delivery.RetryMaxSeconds < options.Delivery.RetryInitialSeconds)
            all.Add("Alerting:Delivery:RetryMaxSeconds must not be less than Alerting:Delivery:RetryInitialSeconds");
        return all.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(all);
    }
}

/// <summary>IANA time zones by id; null for an unknown one instead of an exception.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
