using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using NetOps.Alerting.Engine;
using NetOps.Alerting.Mail;
using NetOps.Alerting.OnCall;
using NetOps.Alerting.Store;
using NetOps.Core.Hosting;
using NetOps.Core.Links;
using NetOps.Core.Mail;
using Quartz;

namespace NetOps.Alerting;

/// <summary>Composition of the Alerting role.</summary>
public static class AlertingServiceExtensions
{
    public static IHostApplicationBuilder AddAlerting(this IHostApplicationBuilder builder)
    {
        // The screen and the API read and act on alerts whatever roles this node runs; the engine wakes on its own node.
        builder.Services.TryAddSingleton<EngineSignal>();
        builder.Services.TryAddSingleton<AlertStore>();
        builder.Services.TryAddSingleton<OnCallStore>();
        builder.Services.TryAddSingleton<IncidentStore>();
        builder.Services.AddSignedLinks();
        var alertingOptions = builder.Services.AddOptions<AlertingOptions>().BindConfiguration(AlertingOptions.Section);
        if (!builder.HasRole(NetOpsRoles.Alerting)) return builder;
        alertingOptions.ValidateKeys(AlertingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>();
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Smtp:From: not a mail address")
            .ValidateKeys(SmtpOptions.Section);
        var enabled = !string.Equals(builder.Configuration["Alerting:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        if (!enabled) return builder;
        builder.Services.TryAddSingleton<AlertingMetrics>();
        builder.Services.TryAddSingleton<OnCallDirectory>();
        builder.Services.TryAddSingleton<PageSignal>();
        builder.Services.TryAddSingleton<PageOutbox>();
        builder.Services.TryAddSingleton<AlertingEngine>();
        builder.Services.TryAddSingleton<StepTriggers>();
        builder.Services.AddQuartz(q => q.AddJob<AlertingPassJob>(j => j.WithIdentity(AlertingPassJob.Key).StoreDurably()));
        builder.Services.AddHostedService<AlertingLoop>();
        builder.Services.AddHostedService<PageSender>();
        return builder;
    }
}
