using NetOps.Collector.Syslog;

namespace NetOps.Collector.Tests.Syslog;

public sealed class SyslogTimeZoneTests
{
    private static readonly DateTimeOffset Winter = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 15, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("+09:00", 540)]
    [InlineData("+0900", 540)]
    [InlineData("+09", 540)]
    [InlineData(" +09:00 ", 540)]
    [InlineData("-03:30", -210)]
    [InlineData("-0330", -210)]
    [InlineData("+14:00", 840)]
    [InlineData("-00:00", 0)]
    [InlineData("Asia/Tokyo", 540)]
    [InlineData("UTC", 0)]
    public void Offsets_and_iana_names_are_read(string text, int minutes)
    {
        Assert.True(SyslogTimeZone.TryParse(text, out var zone));
        Assert.Equal(TimeSpan.FromMinutes(minutes), zone.OffsetAt(Winter));
    }

    [Fact]
    public void An_iana_zone_with_daylight_saving_time_gives_the_offset_in_force_on_arrival()
    {
        Assert.True(SyslogTimeZone.TryParse("Europe/Berlin", out var zone));
        Assert.Equal(TimeSpan.FromHours(1), zone.OffsetAt(Winter));
        Assert.Equal(TimeSpan.FromHours(2), zone.OffsetAt(Summer));
    }

    [Theory]
    [InlineData("0900")]
    [InlineData("900")]
    [InlineData("+900")]
    [InlineData("+09:0")]
    [InlineData("+15:00")]
    [InlineData("+14:01")]
    [InlineData("+09:60")]
    [InlineData("+9:00")]
    [InlineData("JST+9")]
    [InlineData("Asia/Tokio")]
    [InlineData("+")]
    [InlineData("")]
    public void Anything_else_is_refused(string text) => Assert.False(SyslogTimeZone.TryParse(text, out _));

    [Theory]
    [InlineData("0900")]
    [InlineData("+900")]
    [InlineData("Asia/Tokio")]
    public void A_bad_default_time_zone_is_reported_naming_the_key(string text)
    {
        var error = Assert.Single(new SyslogOptions { DefaultTimeZone = text }.Validate());
        Assert.StartsWith("Collector:Syslog:DefaultTimeZone", error);
    }
}
