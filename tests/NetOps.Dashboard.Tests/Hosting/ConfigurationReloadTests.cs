using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Failover;
using NetOps.Dashboard.Hosting;

namespace NetOps.Dashboard.Tests.Hosting;

public sealed class ConfigurationReloadTests
{
    [Fact]
    public async Task A_threshold_saved_in_the_config_file_reaches_the_detectors_without_a_restart()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("netops-config-").FullName, "netops.json");
        await File.WriteAllTextAsync(file, """{ "Analyzer": { "Failover": { "FlapCount": 4 } } }""", TestContext.Current.CancellationToken);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.AddNetOpsConfiguration(["--config", file]);
        builder.Services.AddOptions<FailoverOptions>().BindConfiguration(FailoverOptions.Section);
        using var host = builder.Build();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<FailoverOptions>>();
        Assert.Equal(4, monitor.CurrentValue.FlapCount);

        await File.WriteAllTextAsync(file, """{ "Analyzer": { "Failover": { "FlapCount": 9 } } }""", TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (monitor.CurrentValue.FlapCount != 9 && DateTime.UtcNow < deadline) await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(9, monitor.CurrentValue.FlapCount);
    }
}
