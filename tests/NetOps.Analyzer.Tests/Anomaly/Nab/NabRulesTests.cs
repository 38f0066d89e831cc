using FsCheck.Xunit;
using NetOps.Analyzer.Anomaly.Nab;

namespace NetOps.Analyzer.Tests.Anomaly.Nab;

public sealed class NabRulesTests(NabCorpusFixture nab) : IClassFixture<NabCorpusFixture>
{
    private const double Exact = 1e-12;

    [Fact]
    public void Nyc_taxi_has_the_rows_probation_and_windows_of_notes_section_11()
    {
        var taxi = nab.Corpus.ByKey["realKnownCause/nyc_taxi.csv"];
        Assert.Equal(10_320, taxi.Count);
        Assert.Equal(750, taxi.ProbationaryLength);
        Assert.Equal([new(5839, 6045), new(7080, 7286), new(8423, 8629), new(8731, 8937), new(9977, 10183)], taxi.Windows);
    }

    [Fact]
    public void The_corpus_has_58_files_365558_rows_and_116_windows()
    {
        Assert.Equal(58, nab.Corpus.Series.Count);
        Assert.Equal(365_558, nab.Corpus.Series.Sum(s => s.Count));
        Assert.Equal(332_842, nab.Corpus.Series.Sum(s => s.Count - s.ProbationaryLength));
        Assert.Equal(116, nab.Corpus.WindowCount);
    }

    [Theory]
    [InlineData(0, -0.11, -0.22)]
    [InlineData(5838, -0.11, -0.22)]
    [InlineData(5839, 1.0, 1.0)]
    [InlineData(5942, 0.861500099714, 0.861500099714)]
    [InlineData(6045, 0.012240555950, 0.012240555950)]
    [InlineData(6046, -0.001334885923, -0.002669771845)]
    [InlineData(6148, -0.093311200395, -0.186622400791)]
    [InlineData(6251, -0.108527572797, -0.217055145593)]
    [InlineData(6663, -0.109999932702, -0.219999865403)]
    [InlineData(6664, -0.11, -0.22)]
    public void Row_weights_of_nyc_taxi_are_the_test_vectors_of_notes_section_11(int row, double standard, double lowFalsePositives)
    {
        var taxi = nab.Corpus.ByKey["realKnownCause/nyc_taxi.csv"];
        Assert.Equal(standard, NabRules.RowWeights(taxi.Count, taxi.Windows, NabProfile.Standard)[row], Exact);
        Assert.Equal(lowFalsePositives, NabRules.RowWeights(taxi.Count, taxi.Windows, NabProfile.RewardLowFalsePositives)[row], Exact);
        Assert.Equal(standard, NabRules.RowWeights(taxi.Count, taxi.Windows, NabProfile.RewardLowFalseNegatives)[row], Exact);
    }

    [Fact]
    public void A_detection_on_the_first_row_of_a_window_is_worth_exactly_the_true_positive_weight()
    {
        Assert.Equal(0.9866142981514305, NabRules.MaxTruePositive, 1e-16);
        Assert.Equal(1.0, NabRules.RowWeights(10, [new(2, 5)], NabProfile.Standard)[2]);
    }

    [Theory]
    [InlineData(4032, 604)]
    [InlineData(5000, 750)]
    [InlineData(22_695, 750)]
    [InlineData(1, 0)]
    public void Probation_is_15_percent_of_the_rows_but_at_most_750(int rows, int expected) =>
        Assert.Equal(expected, NabRules.ProbationaryLength(rows));

    [Fact]
    public void Null_scores_zero_and_perfect_scores_one_hundred_in_every_profile()
    {
        foreach (var p in NabProfile.All)
        {
            Assert.Equal(0.0, NabRules.Normalize(-116 * p.FalseNegativeWeight, 116, p), 1e-12);
            Assert.Equal(100.0, NabRules.Normalize(116, 116, p), 1e-12);
        }
    }

    [Property(MaxTest = 500)]
    public bool Weights_are_positive_inside_windows_and_penalties_outside(byte start, byte width, byte after)
    {
        int s = start, w = width + 1, n = s + w + after + 1;
        var weights = NabRules.RowWeights(n, [new NabWindow(s, s + w - 1)], NabProfile.Standard);
        for (int i = 0; i < n; i++)
        {
            bool inside = i >= s && i < s + w;
            if (inside ? weights[i] <= 0 || weights[i] > 1.0 + 1e-15 : weights[i] > 0 || weights[i] < -0.11 - 1e-15) return false;
        }
        return true;
    }

    [Property(MaxTest = 2_000)]
    public void Any_text_is_parsed_as_a_timestamp_or_rejected_without_throwing(string text) =>
        NabCorpus.TryParseTimestamp(text, out _);
}
