using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;

namespace NetOps.Analyzer.Tests.Windows;

public sealed class AnalysisWindowTests
{
    [Fact]
    public void The_influx_condition_is_half_open_in_nanoseconds()
    {
        var from = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var window = new AnalysisWindow(from, from.AddMinutes(1));
        Assert.Equal("time >= 1700000000000000000 AND time < 1700000060000000000", window.InfluxTimeCondition);
    }

    [Fact]
    public void Every_detection_kind_has_a_tag_that_parses_back()
    {
        foreach (var kind in Enum.GetValues<DetectionKind>())
        {
            Assert.True(DetectionKinds.TryParse(kind.ToTag(), out var back));
            Assert.Equal(kind, back);
        }
        Assert.Equal("failover_started", DetectionKind.FailoverStarted.ToTag());
        Assert.False(DetectionKinds.TryParse("nonsense", out _));
    }

    [Fact]
    public void The_same_finding_has_the_same_id()
    {
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        Assert.Equal(Detection.MakeId("failover", "352012", DetectionKind.Switchback, t),
            new Detection { Time = t, Site = "352012", Detector = "failover", Kind = DetectionKind.Switchback, Message = "x" }.Id);
    }
}

public sealed class WindowWatermarksPackingTests
{
    [Fact]
    public void A_long_state_is_stored_compressed_and_read_back_exactly()
    {
        var json = "{\"sites\":[" + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"{{\"site\":\"{i:D6}\",\"median\":{i * 1.5}}}")) + "]}";
        var packed = WindowWatermarks.Pack(json)!;
        Assert.StartsWith("gzip:", packed);
        Assert.True(packed.Length < json.Length / 3);
        Assert.Equal(json, WindowWatermarks.Unpack(packed));
        Assert.Equal("{\"n\":1}", WindowWatermarks.Pack("{\"n\":1}"));
        Assert.Equal("{\"n\":1}", WindowWatermarks.Unpack("{\"n\":1}"));
    }
}
