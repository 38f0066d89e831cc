using NetOps.Collector.Syslog;

namespace NetOps.Collector.Tests.Syslog;

public sealed class SyslogTimestampTests
{
    private static DateTimeOffset? ParseAt(string line, DateTimeOffset receivedAt, TimeSpan? defaultOffset = null)
    {
        Assert.True(SyslogParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), receivedAt, defaultOffset, out var m, out var error), error.ToString());
        return m.Timestamp;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void A_year_less_timestamp_takes_the_receive_year()
        => Assert.Equal(Utc(2025, 3, 1, 10, 0, 0), ParseAt("<13>Mar  1 10:00:00 host app: x", Utc(2025, 6, 15, 0, 0, 0)));

    [Fact]
    public void A_december_message_received_in_january_belongs_to_the_previous_year()
        => Assert.Equal(Utc(2024, 12, 31, 23, 59, 59), ParseAt("<13>Dec 31 23:59:59 host app: x", Utc(2025, 1, 1, 0, 0, 5)));

    [Fact]
    public void A_january_message_received_on_new_years_eve_belongs_to_the_next_year()
        => Assert.Equal(Utc(2026, 1, 1, 0, 0, 1), ParseAt("<13>Jan  1 00:00:01 host app: x", Utc(2025, 12, 31, 23, 59, 58)));

    [Fact]
    public void A_timestamp_a_few_days_ahead_stays_in_the_receive_year()
        => Assert.Equal(Utc(2025, 6, 20, 0, 0, 0), ParseAt("<13>Jun 20 00:00:00 host app: x", Utc(2025, 6, 15, 0, 0, 0)));

    [Fact]
    public void A_timestamp_more_than_a_month_ahead_is_from_last_year()
        => Assert.Equal(Utc(2024, 8, 1, 0, 0, 0), ParseAt("<13>Aug  1 00:00:00 host app: x", Utc(2025, 6, 15, 0, 0, 0)));

    [Fact]
    public void Without_a_zone_the_configured_default_offset_applies()
        => Assert.Equal(Utc(2025, 3, 1, 1, 0, 0), ParseAt("<13>Mar  1 10:00:00 host app: x", Utc(2025, 6, 15, 0, 0, 0), TimeSpan.FromHours(9)));

    [Fact]
    public void Without_a_zone_or_a_default_utc_is_assumed()
        => Assert.Equal(Utc(2025, 3, 1, 10, 0, 0), ParseAt("<13>Mar  1 10:00:00 host app: x", Utc(2025, 6, 15, 0, 0, 0), null));

    [Fact]
    public void Year_inference_uses_the_local_year_of_the_default_offset()
        // 2025-12-31 20:00 UTC is already 2026-01-01 05:00 in JST
        => Assert.Equal(Utc(2025, 12, 31, 20, 30, 0), ParseAt("<13>Jan  1 05:30:00 host app: x", Utc(2025, 12, 31, 20, 0, 0), TimeSpan.FromHours(9)));

    [Theory]
    [InlineData("JST", 9 * 60)]
    [InlineData("jst", 9 * 60)]
    [InlineData("UTC", 0)]
    [InlineData("CEST", 120)]
    [InlineData("mdt", -360)]
    [InlineData("CST", -360)]
    [InlineData("UTC+07:30", 450)]
    [InlineData("UTC+1", 60)]
    [InlineData("GMT-0330", -210)]
    [InlineData("TZ-6", -360)]
    public void A_zone_token_after_the_time_sets_the_offset(string zone, int minutes)
    {
        var local = new DateTime(2025, 3, 1, 10, 0, 0);
        var expected = new DateTimeOffset(local, TimeSpan.FromMinutes(minutes));
        Assert.Equal(expected, ParseAt($"<13>Mar  1 10:00:00 {zone}: %X-1-Y: text", Utc(2025, 6, 15, 0, 0, 0), TimeSpan.FromHours(9)));
    }

    [Fact]
    public void An_unknown_zone_like_token_is_taken_as_the_hostname()
    {
        var data = "<13>Mar  1 10:00:00 XYZ app: x"u8.ToArray();
        Assert.True(SyslogParser.TryParse(data, Utc(2025, 6, 15, 0, 0, 0), out var m, out _));
        Assert.Equal("XYZ", SyslogTestData.Text(data, m.Hostname));
        Assert.Equal(Utc(2025, 3, 1, 10, 0, 0), m.Timestamp);
    }

    [Fact]
    public void A_leap_second_is_kept_inside_its_minute()
        => Assert.Equal(Utc(2016, 12, 31, 23, 59, 59), ParseAt("<13>1 2016-12-31T23:59:60Z host app - - - x", Utc(2017, 1, 1, 0, 0, 0)));

    [Fact]
    public void February_29th_in_a_non_leap_receive_year_leaves_the_timestamp_empty()
        => Assert.Null(ParseAt("<13>Feb 29 10:00:00 host app: x", Utc(2025, 6, 15, 0, 0, 0)));

    [Fact]
    public void Nanosecond_fractions_are_cut_to_ticks()
        => Assert.Equal(Utc(2025, 1, 1, 0, 0, 0).AddTicks(1234567), ParseAt("<13>1 2025-01-01T00:00:00.123456789Z h a - - -", Utc(2025, 6, 15, 0, 0, 0)));

    [Fact]
    public void Extreme_dates_and_offsets_do_not_overflow()
    {
        Assert.False(SyslogParser.TryParse("<13>1 0001-01-01T00:00:00+01:00 h a - - -"u8, DateTimeOffset.MinValue, out _, out var error));
        Assert.Equal(SyslogParseError.BadTimestamp, error);
        Assert.False(SyslogParser.TryParse("<13>1 9999-12-31T23:59:59-01:00 h a - - -"u8, DateTimeOffset.MaxValue, out _, out error));
        Assert.Equal(SyslogParseError.BadTimestamp, error);
        Assert.True(SyslogParser.TryParse("<13>Jan  1 00:00:00 h a: x"u8, DateTimeOffset.MinValue, TimeSpan.FromHours(-14), out _, out _));
        Assert.True(SyslogParser.TryParse("<13>Dec 31 23:59:59 h a: x"u8, DateTimeOffset.MaxValue, TimeSpan.FromHours(14), out _, out _));
        Assert.True(SyslogParser.TryParse("<13>Jan  1 00:00:00 h a: x"u8, DateTimeOffset.MaxValue, TimeSpan.FromDays(3), out _, out _));
    }
}
