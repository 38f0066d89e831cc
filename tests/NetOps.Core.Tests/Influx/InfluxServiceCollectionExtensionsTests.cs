using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetOps.Core.Influx;

namespace NetOps.Core.Tests.Influx;

public sealed class InfluxServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddInflux();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Spool_keys_bind_from_the_Influx_Spool_section()
    {
        using var sp = Build(new() { ["Influx:Spool:MaxBytes"] = "4096", ["Influx:Spool:Dir"] = "/tmp/x", ["Influx:BatchSize"] = "10" });
        var o = sp.GetRequiredService<IOptions<InfluxOptions>>().Value;
        Assert.Equal(4096, o.SpoolMaxBytes);
        Assert.Equal("/tmp/x", o.SpoolDir);
        Assert.Equal(10, o.BatchSize);
    }

    [Fact]
    public void A_bad_url_fails_validation_with_an_error_naming_the_key()
    {
        using var sp = Build(new() { ["Influx:Url"] = "ftp://nope" });
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<InfluxOptions>>().Value);
        Assert.Contains("Influx:Url", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_is_one_instance_behind_every_interface()
    {
        using var sp = Build(new() { ["DataDir"] = Path.GetTempPath() });
        var writer = sp.GetRequiredService<PointWriter>();
        // Every part writes through the tap (the analyzer's in-memory path) onto the one durable writer.
        var tapped = Assert.IsType<NetOps.Core.Events.TappedPointWriter>(sp.GetRequiredService<IPointWriter>());
        Assert.Same(writer, tapped.Inner);
        Assert.Same(tapped, sp.GetRequiredService<IPointWriter>());
        Assert.Contains(sp.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => ReferenceEquals(s, writer));
        Assert.IsType<InfluxHttpClient>(sp.GetRequiredService<IInfluxClient>());
        Assert.NotNull(sp.GetRequiredService<IInfluxHealth>());
    }
}
