using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MimeKit;
using NetOps.Ceptoar.Acknowledgement;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Csaf;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;
using NetOps.Ceptoar.Reminders;
using NetOps.Ceptoar.Signing;
using NetOps.Core.Hosting;
using NetOps.Core.Links;
using NetOps.Core.Mail;

namespace NetOps.Ceptoar;

/// <summary>Composition of the Broadcast role.</summary>
public static class CeptoarServiceExtensions
{
    public static IHostApplicationBuilder AddCeptoar(this IHostApplicationBuilder builder)
    {
        // The directory, the advisories and the acknowledgement links are served by the dashboard whatever roles this node runs.
        builder.Services.AddSingleton(BodyDirectory.Shipped);
        builder.Services.AddSingleton<ContactStore>();
        // POST /api/v1/advisories/import validates with it; the schema files are read and built once, on first use.
        builder.Services.AddSingleton(_ => CsafSchema.Load());
        builder.Services.AddSingleton(sp => new CsafImporter(sp.GetRequiredService<CsafSchema>()));
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<DeliveryProgress>();
        builder.Services.AddSingleton<AdvisoryStore>();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSignedLinks();
        builder.Services.AddSingleton<AcknowledgementLinks>();
        builder.Services.AddOptions<SigningOptions>().BindConfiguration(SigningOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.CertificatePath) || File.Exists(o.CertificatePath), "Ceptoar:Signing:CertificatePath: the file does not exist")
            .Validate(o => string.IsNullOrWhiteSpace(o.KeyPath) || File.Exists(o.KeyPath), "Ceptoar:Signing:KeyPath: the file does not exist")
            .ValidateKeys(SigningOptions.Section);
        builder.Services.AddSingleton<AdvisorySigner>();
        builder.Services.AddHealthChecks().AddCheck<SigningHealthCheck>("ceptoar-signing");
        if (!builder.HasRole(NetOpsRoles.Broadcast)) return builder;
        builder.Services.AddOptions<CeptoarOptions>().BindConfiguration(CeptoarOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            .Validate(o => o.RetryMaxSeconds >= o.RetryInitialSeconds, "Ceptoar:Delivery:RetryMaxSeconds must not be less than Ceptoar:Delivery:RetryInitialSeconds")
            .ValidateKeys(DeliveryOptions.Section);
        builder.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Smtp:From: not a mail address")
            .ValidateKeys(SmtpOptions.Section);
        builder.Services.TryAddSingleton<DeliveryMetrics>();
        builder.Services.AddHostedService<OutboxSender>();
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateKeys(ReminderOptions.Section);
        builder.Services.AddSingleton<ReminderStore>();
        builder.Services.AddHostedService<ReminderScheduler>();
        return builder;
    }
}
