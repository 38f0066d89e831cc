using NetOps.Core.Inventory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Flows.Decoding;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Flows;

/// <summary>Composition of NetFlow/IPFIX collection: listeners → queue → decoder → aggregator → point writer.</summary>
public static class FlowServiceExtensions
{
    /// <summary>Template and hold limits of the decoder (<see cref="FlowDecoderOptions"/>).</summary>
    public const string DecoderSection = "Collector:Flows:Decoder";

    /// <summary>Adds the flow listeners (<c>Collector:NetFlow:Port</c>, <c>Collector:Ipfix:Port</c>) and their pipeline.</summary>
    public static IHostApplicationBuilder AddFlows(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FlowOptions>().BindConfiguration(FlowOptions.Section)
            .Configure<IConfiguration>((o, configuration) =>
            {
                // The ports keep the DESIGN.md keys; a value that is not a number is left for the validator to name.
                o.NetFlowPort = Port(configuration, FlowOptions.NetFlowPortKey, o.NetFlowPort);
                o.IpfixPort = Port(configuration, FlowOptions.IpfixPortKey, o.IpfixPort);
            })
            .ValidateKeys(FlowOptions.Section);
        services.AddSingleton<IValidateOptions<FlowOptions>, FlowOptionsValidator>();
        services.TryAddSingleton<FlowPipelineMetrics>();
        services.AddOptions<FlowDecoderOptions>().BindConfiguration(DecoderSection).ValidateKeys(DecoderSection);
        services.TryAddSingleton<FlowMetrics>();
        services.TryAddSingleton(sp =>
        {
            var inventory = sp.GetRequiredService<IInventorySource>();
            return new FlowDecoder(sp.GetRequiredService<IOptions<FlowDecoderOptions>>().Value,
                sp.GetRequiredService<FlowMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FlowDecoder>>())
            {
                // Senders the inventory does not know share a small budget of their own (spoofed floods).
                IsKnownExporter = address => inventory.Current.FindByAddress(address) is not null,
            };
        });
        services.TryAddSingleton<FlowQueue>();
        services.TryAddSingleton<FlowAggregator>();
        services.TryAddSingleton<ITopTalkers>(sp => sp.GetRequiredService<FlowAggregator>());
        services.AddSingleton<FlowProcessor>();
        services.AddSingleton<FlowListeners>();
        // Order matters: hosted services stop in reverse, so the listeners stop first and the processor drains after them.
        services.AddHostedService(sp => sp.GetRequiredService<FlowProcessor>());
        services.AddHostedService(sp => sp.GetRequiredService<FlowListeners>());
        services.AddHealthChecks().AddCheck<FlowHealthCheck>("flows");
        return builder;
    }

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int port) ? port : -1;
    }
}
