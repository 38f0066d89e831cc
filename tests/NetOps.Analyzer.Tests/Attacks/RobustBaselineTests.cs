using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Analyzer.Attacks;

namespace NetOps.Analyzer.Tests.Attacks;

public sealed class RobustBaselineTests
{
    private static readonly BaselineOptions Options = new();

    private static RobustBaseline Learned(params double[] values)
    {
        var b = new RobustBaseline();
        foreach (var v in values) b.Update(v, Options);
        return b;
    }

    [Fact]
    public void A_site_without_a_baseline_is_held_to_the_floor()
    {
        var b = new RobustBaseline();
        Assert.False(b.Ready(Options));
        Assert.Equal(200, b.Threshold(200, Options));
    }

    [Fact]
    public void A_site_still_warming_up_is_held_to_the_floor_not_to_its_few_windows()
    {
        var b = Learned(Enumerable.Repeat(1.0, Options.MinSamples - 1).ToArray());
        Assert.Equal(200, b.Threshold(200, Options));
    }

    [Fact]
    public void A_quiet_site_keeps_the_floor_because_the_baseline_only_raises_the_bar()
    {
        var b = Learned(Enumerable.Repeat(5.0, 50).ToArray());
        Assert.True(b.Ready(Options));
        Assert.Equal(200, b.Threshold(200, Options));
    }

    [Fact]
    public void A_busy_site_has_its_threshold_raised_above_the_floor_by_its_baseline()
    {
        var values = Enumerable.Range(0, 100).Select(i => 300.0 + (i % 5) * 10).ToArray(); // 300–340
        var b = Learned(values);
        Assert.InRange(b.Median, 310, 330);
        double threshold = b.Threshold(200, Options);
        Assert.True(threshold >= 4 * 310, $"threshold {threshold}");
    }

    [Fact]
    public void One_huge_window_moves_a_warmed_up_baseline_little()
    {
        var b = Learned(Enumerable.Repeat(100.0, 50).ToArray());
        b.Update(1_000_000, Options);
        Assert.InRange(b.Median, 100, 120);
    }

    [Fact]
    public void A_lasting_change_of_level_is_learned()
    {
        var b = Learned(Enumerable.Repeat(100.0, 50).ToArray());
        for (int i = 0; i < 400; i++) b.Update(300, Options);
        Assert.InRange(b.Median, 280, 300);
    }

    [Fact]
    public void The_state_round_trips_through_the_detector_json()
    {
        var state = new BaselineState();
        state.For("352012").Update(42, Options);
        var json = System.Text.Json.JsonSerializer.Serialize(state, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var back = System.Text.Json.JsonSerializer.Deserialize<BaselineState>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal(42, back.Find("352012")!.Median);
        Assert.Equal(1, back.Find("352012")!.Samples);
    }

    [Property(MaxTest = 1_000)]
    public Property The_threshold_is_never_below_the_floor_whatever_was_learned()
    {
        var gen = Gen.Choose(0, 1_000_000).Select(i => i / 10.0).ListOf().SelectMany(values => Gen.Choose(1, 10_000).Select(floor => (values, floor)));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var b = new RobustBaseline();
            foreach (var v in t.values) b.Update(v, Options);
            double threshold = b.Threshold(t.floor, Options);
            return threshold >= t.floor && !double.IsNaN(threshold) && b.Mad >= 0;
        });
    }
}
