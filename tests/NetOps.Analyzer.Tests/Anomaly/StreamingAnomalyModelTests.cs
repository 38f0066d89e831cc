using System.Text.Json;
using NetOps.Analyzer.Anomaly;

namespace NetOps.Analyzer.Tests.Anomaly;

public sealed class StreamingAnomalyModelTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);
    private static readonly DateTime Monday = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Unspecified); // JST
    private const double Threshold = 0.6; // Analyzer:Anomaly:Threshold's default; the model is configured as on the network

    [Fact]
    public void A_spike_in_a_learnt_week_is_detected_and_the_following_quiet_week_raises_nothing()
    {
        var model = new StreamingAnomalyModel(new AnomalyOptions().Model);
        var state = new AnomalySeriesState();
        var traffic = new WeeklyTraffic(seed: 7);
        var spikeAt = Monday.AddDays(16).AddHours(11); // Wednesday 11:00 of the third week
        var quietFrom = Monday.AddDays(21);
        var quietAlarms = new List<DateTime>();
        AnomalyReading spike = default;
        double spikeBytes = 0;
        for (var t = Monday; t < Monday.AddDays(28); t += Step)
        {
            double bytes = t == spikeAt ? 6 * traffic.Bytes(t) : traffic.Bytes(t);
            var reading = model.Observe(state, t, bytes);
            if (t == spikeAt) (spike, spikeBytes) = (reading, bytes);
            else if (t >= quietFrom && reading.Score >= Threshold) quietAlarms.Add(t);
        }
        Assert.True(spike.Score >= Threshold, $"the spike scored {spike.Score:F3}");
        Assert.True(spikeBytes > 3 * spike.Expected, $"expected {spike.Expected:N0} beside {spikeBytes:N0}");
        Assert.Empty(quietAlarms);
    }

    [Fact]
    public void A_weekday_volume_on_a_sunday_is_an_anomaly_once_the_week_is_learnt()
    {
        var model = new StreamingAnomalyModel(new AnomalyOptions().Model);
        var state = new AnomalySeriesState();
        var traffic = new WeeklyTraffic(seed: 11);
        var sundayNoon = Monday.AddDays(20).AddHours(12);
        AnomalyReading sunday = default;
        for (var t = Monday; t <= sundayNoon; t += Step)
        {
            // Sunday noon carries a Wednesday noon's traffic: normal on a weekday, not on a Sunday
            var reading = model.Observe(state, t, t == sundayNoon ? traffic.Bytes(t.AddDays(-4)) : traffic.Bytes(t));
            if (t == sundayNoon) sunday = reading;
        }
        Assert.True(sunday.Score >= Threshold, $"scored {sunday.Score:F3} against the {sunday.Baseline} baseline");
    }

    [Fact]
    public void A_second_spike_within_the_hold_of_the_first_is_not_a_new_alarm_and_one_days_later_scores_again()
    {
        var options = new AnomalyOptions().Model;
        var model = new StreamingAnomalyModel(options);
        var state = new AnomalySeriesState();
        var traffic = new WeeklyTraffic(seed: 5);
        var first = Monday.AddDays(16).AddHours(11);
        var second = first + 10 * Step;
        var third = first.AddDays(5); // well past the hold (and the decay of the first event's peak)
        var scores = new Dictionary<DateTime, double>();
        for (var t = Monday; t <= third; t += Step)
        {
            bool spike = t == first || t == second || t == third;
            scores[t] = model.Observe(state, t, spike ? 6 * traffic.Bytes(t) : traffic.Bytes(t)).Score;
        }
        Assert.True(scores[first] >= Threshold, $"the first spike scored {scores[first]:F3}");
        Assert.Equal(0, scores[second]);
        // scored again once the hold is over, if less than the first: two spikes in a few days make a third less rare
        Assert.InRange(scores[third], 0.3, scores[first]);
    }

    [Fact]
    public void A_known_range_makes_a_first_climb_into_its_top_band_news_where_the_learnt_range_does_not()
    {
        // a slow ramp to a level the series has never held: each step is small (the baselines follow it), but with
        // the range known in advance (NAB's inputMin/inputMax) the climb enters bands never visited
        var options = new AnomalyModelOptions { HoldLevel = 1.1, BeyondRangeMargin = 0 };
        var model = new StreamingAnomalyModel(options);
        double Value(int i) => 10 + Math.Sin(i * 0.7) + (i >= 1000 ? Math.Min(80, (i - 1000) * 0.5) : 0);
        double PeakScore(AnomalySeriesState state)
        {
            double peak = 0;
            for (int i = 0; i < 1300; i++)
            {
                double score = model.Observe(state, Monday + i * Step, Value(i)).Score;
                if (i >= 1000) peak = Math.Max(peak, score);
            }
            return peak;
        }
        double known = PeakScore(new AnomalySeriesState { KnownMin = 9, KnownMax = 91, Horizon = 150 });
        double learnt = PeakScore(new AnomalySeriesState());
        Assert.True(known >= 0.6, $"with the known range the climb scored at most {known:F3}");
        Assert.True(known > learnt, $"known {known:F3}, learnt {learnt:F3}");
    }

    [Fact]
    public void The_persisted_state_stays_bounded_however_long_the_series()
    {
        // NAB's defaults with a known learning period, so the coarse scale's nested state is there too
        var model = new StreamingAnomalyModel(new AnomalyModelOptions());
        var state = new AnomalySeriesState { KnownMin = 0, KnownMax = 1e9, Horizon = 750 };
        var traffic = new WeeklyTraffic(seed: 3);
        for (var t = Monday; t < Monday.AddDays(60); t += Step) model.Observe(state, t, traffic.Bytes(t));
        int bytes = JsonSerializer.SerializeToUtf8Bytes(state).Length;
        Assert.InRange(bytes, 1, 32 * 1024);
    }

    [Fact]
    public void A_state_saved_to_json_and_loaded_between_samples_gives_the_same_scores()
    {
        var model = new StreamingAnomalyModel(new AnomalyOptions().Model);
        var kept = new AnomalySeriesState();
        var json = JsonSerializer.Serialize(new AnomalySeriesState());
        var traffic = new WeeklyTraffic(seed: 3);
        for (var t = Monday; t < Monday.AddDays(3); t += Step)
        {
            double bytes = traffic.Bytes(t);
            var loaded = JsonSerializer.Deserialize<AnomalySeriesState>(json)!;
            var a = model.Observe(kept, t, bytes);
            var b = model.Observe(loaded, t, bytes);
            Assert.Equal(a, b);
            json = JsonSerializer.Serialize(loaded);
        }
    }

    [Fact]
    public void Scores_stay_in_the_unit_interval_for_any_series()
    {
        var model = new StreamingAnomalyModel(new AnomalyOptions().Model);
        var state = new AnomalySeriesState();
        var random = new Random(5);
        double[] special = [0, 0, 0, 1e300, -1e300, double.NaN, double.PositiveInfinity, 1e-300, 42, 42, 42];
        for (int i = 0; i < 2_000; i++)
        {
            double v = i % 97 < special.Length ? special[i % 97] : random.NextDouble() * Math.Pow(10, random.Next(-5, 12));
            var r = model.Observe(state, Monday.AddMinutes(5 * i), v);
            Assert.InRange(r.Score, 0, 1);
        }
        _ = JsonSerializer.Serialize(state); // stays finite, so it can be persisted
    }
}
