using NetOps.Collector.Capture;
using NetOps.Collector.Tests.Capture;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Tests.Scans;

public sealed class ScanOptionsTests
{
    [Fact]
    public void Capture_ScanSources_below_ScanTopN_is_an_error_naming_the_key()
    {
        var result = new CaptureOptionsValidator(CaptureRun.Inventory()).Validate(null, new CaptureOptions { ScanTopN = 50, ScanSources = 10 });
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
