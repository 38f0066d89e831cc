using NetOps.Dashboard.Reports;

namespace NetOps.Dashboard.Tests.Reports;

public sealed class ReportPeriodTests
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    [Fact]
    public void Dates_are_read_in_JST_and_a_date_only_to_is_the_last_day_included()
    {
        Assert.True(ReportPeriod.TryParse("2019-04-01", "2020-03-31", "from", "to", out var p, out _));
        Assert.Equal(ReportPeriod.FiscalYear(2019), p);
        Assert.Equal(new DateTimeOffset(2020, 4, 1, 0, 0, 0, Jst), p.To);
        Assert.Equal("2019-04-01〜2020-03-31", p.Label);
    }

    [Fact]
    public void An_ISO_time_is_taken_as_given_and_to_is_exclusive()
    {
        Assert.True(ReportPeriod.TryParse("2020-04-01T00:00:00Z", "2020-04-02T12:00:00+09:00", "from", "to", out var p, out _));
        Assert.Equal(new DateTimeOffset(2020, 4, 1, 0, 0, 0, TimeSpan.Zero), p.From);
        Assert.Equal(new DateTimeOffset(2020, 4, 2, 3, 0, 0, TimeSpan.Zero), p.To);
    }

    [Theory]
    [InlineData(null, "2020-03-31", "from: required")]
    [InlineData("2020-04-01", "", "to: required")]
    [InlineData("yesterday", "2020-03-31", "from: 'yesterday' is not a date")]
    [InlineData("2020-04-01", "2020-03-31", "to: must be later than from")]
    [InlineData("2015-04-01", "2020-04-01", "to: the period from from is longer than 5 years")]
    public void A_bad_period_is_refused_naming_the_parameter(string? from, string? to, string expected)
    {
        Assert.False(ReportPeriod.TryParse(from, to, "from", "to", out _, out var error));
        Assert.StartsWith(expected, error);
    }

    [Theory]
    [InlineData("2020-03-31T23:00:00+09:00", 2019)]
    [InlineData("2020-03-31T15:00:00Z", 2020)] // 00:00 JST on 1 April
    public void The_fiscal_year_begins_on_1_April_in_JST(string time, int expected) =>
        Assert.Equal(expected, ReportPeriod.FiscalYearOf(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
}
