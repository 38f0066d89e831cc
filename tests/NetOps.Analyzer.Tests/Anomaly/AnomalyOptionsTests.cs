using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetOps.Analyzer.Anomaly;
using NetOps.Analyzer.Windows;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Analyzer.Tests.Anomaly;

public sealed class AnomalyOptionsTests
{
    [Fact]
    public void The_detector_is_registered_once_as_a_window_detector_named_anomaly()
    {
        using var services = Host(new Dictionary<string, string?>());
        var detectors = services.GetServices<IWindowDetector>().ToList();
        Assert.Single(detectors);
        Assert.Equal("anomaly", detectors[0].Name);
        Assert.Same(services.GetRequiredService<TrafficAnomalyDetector>(), detectors[0]);
    }

    [Fact]
    public void Thresholds_per_site_class_come_from_configuration()
    {
        using var services = Host(new Dictionary<string, string?>
        {
            ["Analyzer:Anomaly:Threshold"] = "0.7",
            ["Analyzer:Anomaly:Thresholds:prefecture"] = "0.9",
        });
        var o = services.GetRequiredService<IOptions<AnomalyOptions>>().Value;
        Assert.Equal(0.9, o.ThresholdFor("prefecture"));
        Assert.Equal(0.7, o.ThresholdFor("municipality"));
    }

    [Theory]
    [InlineData("Analyzer:Anomaly:Thresholds:town", "0.8", "Analyzer:Anomaly:Thresholds:town: unknown site class")]
    [InlineData("Analyzer:Anomaly:Thresholds:municipality", "1.5", "Analyzer:Anomaly:Thresholds:municipality: must be in (0, 1]")]
    [InlineData("Analyzer:Anomaly:Threshold", "0", "Analyzer:Anomaly:Threshold:")]
    [InlineData("Analyzer:Anomaly:Model:HistogramAlpha", "2", "Analyzer:Anomaly:Model:HistogramAlpha:")]
    [InlineData("Analyzer:Anomaly:UtcOffsetHours", "25", "Analyzer:Anomaly:UtcOffsetHours:")]
    public void A_bad_setting_fails_at_start_naming_its_key(string key, string value, string expected)
    {
        using var services = Host(new Dictionary<string, string?> { [key] = value });
        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AnomalyOptions>>().Value);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_classes_follow_the_inventory_tree()
    {
        Assert.Equal("centre", AnomalyOptions.SiteClassOf(null, "000000"));
        Assert.Equal("prefecture", AnomalyOptions.SiteClassOf(new Site { Code = "350001", Parent = "000000" }, "350001"));
        Assert.Equal("municipality", AnomalyOptions.SiteClassOf(new Site { Code = "352012", Parent = "350001" }, "352012"));
    }

    private static ServiceProvider Host(Dictionary<string, string?> settings) =>
        AnomalyTestHost.Build(new InfluxHttpClient(new HttpClient(), Options.Create(new InfluxOptions())), new SiteInventory([]), settings);
}
