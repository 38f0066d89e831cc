using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Attacks;
using NetOps.Analyzer.Windows;
using NetOps.Core.Influx;

namespace NetOps.Analyzer.Tests.Attacks;

public sealed class AttackOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IInfluxClient>(new NoInflux());
        services.AddAttackDetectors();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_four_detectors_are_registered_once_with_their_names()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IInfluxClient>(new NoInflux());
        services.AddAttackDetectors();
        services.AddAttackDetectors();
        using var sp = services.BuildServiceProvider();
        Assert.Equal(["brute_force", "deny_surge", "port_scan", "syn_flood"], sp.GetServices<IWindowDetector>().Select(d => d.Name).Order().ToArray());
    }

    [Theory]
    [InlineData("Analyzer:Attacks:SynFlood:MinSynsPerSecond", "-1")]
    [InlineData("Analyzer:Attacks:SynFlood:MaxSynAckRatio", "2")]
    [InlineData("Analyzer:Attacks:PortScan:MinPorts", "0")]
    [InlineData("Analyzer:Attacks:BruteForce:BucketSeconds", "0")]
    [InlineData("Analyzer:Attacks:DenySurge:MinDeniesPerSecond", "0")]
    [InlineData("Analyzer:Attacks:Baseline:Alpha", "1.5")]
    [InlineData("Analyzer:Attacks:Baseline:MinSamples", "0")]
    public void A_bad_value_is_an_error_naming_its_key(string key, string value)
    {
        using var sp = Build(new() { [key] = value });
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<AttackOptions>>().Value);
        Assert.Contains(key + ":", e.Message);
    }

    [Fact]
    public void Configured_floors_are_bound()
    {
        using var sp = Build(new() { ["Analyzer:Attacks:PortScan:MinPorts"] = "250", ["Analyzer:Attacks:Baseline:Ratio"] = "8" });
        var o = sp.GetRequiredService<IOptions<AttackOptions>>().Value;
        Assert.Equal(250, o.PortScan.MinPorts);
        Assert.Equal(8, o.Baseline.Ratio);
        Assert.Equal(64, o.PortScan.MinHosts);
    }

    private sealed class NoInflux : IInfluxClient
    {
        public Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
