using NetOps.Collector.Capture;
using NetOps.Collector.Tests.Capture;
using Microsoft.Extensions.DependencyInjection;
using NetOps.Core.Hosting;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Scans;

public sealed class ScanOptionsTests
{
    private static ServiceProvider Services() => new ServiceCollection().AddSingleton<IInventorySource>(CaptureRun.Inventory()).BuildServiceProvider();

    [Fact]
    public void Capture_Site_not_in_the_inventory_is_an_error_naming_the_key_and_a_known_one_passes()
    {
        var validator = new CaptureOptionsValidator(Services());
        var bad = validator.Validate(null, new CaptureOptions { Site = "999999" });
        Assert.True(bad.Failed);
        Assert.Contains("Collector:Capture:Site", bad.FailureMessage);
        var known = CaptureRun.Inventory().Sites[0].Code;
        Assert.True(validator.Validate(null, new CaptureOptions { Site = known }).Succeeded);
    }

    [Fact]
    public void Capture_ScanSources_below_ScanTopN_is_an_error_naming_the_key()
    {
        var result = new CaptureOptionsValidator(Services()).Validate(null, new CaptureOptions { ScanTopN = 50, ScanSources = 10 });
        Assert.True(result.Failed);
        Assert.Contains("Collector:Capture:ScanSources", result.FailureMessage);
    }

    [Fact]
    public void Capture_ScanTopN_out_of_range_is_an_error_naming_the_key()
    {
        var result = new KeyedDataAnnotationsValidation<CaptureOptions>(CaptureOptions.Section).Validate(null, new CaptureOptions { ScanTopN = 101 });
        Assert.True(result.Failed);
        Assert.Contains("Collector:Capture:ScanTopN", result.FailureMessage);
    }

    [Fact]
    public void Scan_features_are_on_by_default_on_both_paths()
    {
        Assert.True(new CaptureOptions().Scans.Enabled);
        Assert.Equal(10, new NetOps.Collector.Flows.FlowOptions().ScanTopN);
    }
}
