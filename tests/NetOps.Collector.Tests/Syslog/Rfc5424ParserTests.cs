using NetOps.Collector.Syslog;
using static NetOps.Collector.Tests.Syslog.SyslogTestData;

namespace NetOps.Collector.Tests.Syslog;

public sealed class Rfc5424ParserTests
{
    // format|pri|version|timestamp (UTC)|host|app|procid|msgid|sd|message
    public static TheoryData<int, string> ValidLines => new()
    {
        { 1, "Rfc5424|34|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|su||ID47||BOM'su root' failed for lonvick on /dev/pts/8" },
        { 2, "Rfc5424|165|1|2003-08-24T12:14:15.0000030+00:00|192.0.2.1|myproc|8710|||%% It's time to make the do-nuts." },
        { 3, "Rfc5424|165|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|evntslog||ID47|[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]|BOMAn application event log entry..." },
        { 4, "Rfc5424|165|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|evntslog||ID47|[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]|" },
        { 5, "Rfc5424|34|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|su||ID47||'su root' failed for lonvick on /dev/pts/8" },
        { 6, "Rfc5424|165|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|evntslog||ID47|[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]|An application event log entry..." },
        { 7, "Rfc5424|165|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|evntslog||ID47|[exampleSDID@32473 iut=\"3\" eventSource=\"Application\"]|An application event log entry" },
        { 8, "Rfc5424|34|1|2026-07-23T07:30:45.0000000+00:00|host|app|123|msg|[meta@32473 value=\"escaped\\]bracket\" quote=\"\\\"\"]|payload" },
        { 9, "Rfc5424|13|1|-||||||minimal" },
        { 10, "Rfc5424|1|1|-||||||A" },
        { 11, "Rfc5424|1|1|-||||||\tA" },
        { 12, "Rfc5424|29|1|2016-02-21T04:32:57.0000000+00:00|web1|someservice|2341|2|[origin][meta sequence=\"14125553\" service=\"someservice\"]|\"GET /v1/ok HTTP/1.1\" 200 145 \"-\" \"hacheck 0.9.0\" 24306 127.0.0.1:40124 575" },
        { 13, "Rfc5424|152|1|2003-10-11T22:14:15.0030000+00:00|mymachine.example.com|ALongApplicationNameContainingExactly48Character||ID47||BOM'su root' failed for lonvick on /dev/pts/8" },
        { 16, "Rfc5424|1|3|-||||||A<1>4 - - - - - - B" },
        { 17, "Rfc5424|1|2|-||||||" },
        { 18, "Rfc5424|4|11|-||||||" },
    };

    [Theory]
    [MemberData(nameof(ValidLines))]
    public void Each_valid_line_of_rfc5424_log_yields_its_header_fields(int line, string expected)
    {
        var data = Line("rfc5424.log", line);
        var message = Parse(data);
        Assert.Equal(expected, Describe(data, message));
    }

    [Fact]
    public void A_real_byte_order_mark_is_stripped_from_the_message_range()
    {
        var data = Line("rfc5424.log", 5);
        var message = Parse(data);
        Assert.Equal((byte)'\'', data[message.Message.Start.Value]);
        Assert.Equal([0xEF, 0xBB, 0xBF], data[(message.Message.Start.Value - 3)..message.Message.Start.Value]);
    }

    [Fact]
    public void The_8_KiB_line_with_every_field_at_its_maximum_length_parses()
    {
        var data = Line("rfc5424.log", 19);
        var m = Parse(data);
        Assert.Equal((191, 999), (m.Priority, m.Version));
        Assert.Equal(new DateTimeOffset(2017, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990), m.Timestamp);
        Assert.Equal(255, m.Hostname.GetOffsetAndLength(data.Length).Length);
        Assert.Equal(48, m.AppName.GetOffsetAndLength(data.Length).Length);
        Assert.Equal(128, m.ProcId.GetOffsetAndLength(data.Length).Length);
        Assert.Equal(32, m.MsgId.GetOffsetAndLength(data.Length).Length);
        Assert.True(m.Message.GetOffsetAndLength(data.Length).Length > 7000);
    }

    [Fact]
    public void An_app_name_longer_than_48_characters_is_a_bad_header_field()
        => AssertError(Line("rfc5424.log", 14), SyslogParseError.BadHeaderField);

    [Fact]
    public void A_message_that_ends_after_its_version_is_truncated()
        => AssertError(Line("rfc5424.log", 15), SyslogParseError.Truncated);

    [Theory]
    [InlineData("<34>0 - - - - - -", SyslogParseError.BadVersion)]
    [InlineData("<34>01 - - - - - -", SyslogParseError.BadVersion)]
    [InlineData("<34>1 2003-13-11T22:14:15Z host app - - -", SyslogParseError.BadTimestamp)]
    [InlineData("<34>1 2003-10-11T22:14:15 host app - - -", SyslogParseError.BadTimestamp)]
    [InlineData("<34>1 2003-10-11T22:14:15+24:00 host app - - -", SyslogParseError.BadTimestamp)]
    [InlineData("<34>1 2003-10-11T22:14:15-12:60 host app - - -", SyslogParseError.BadTimestamp)]
    [InlineData("<34>1 2003-10-11T22:14:15.1234567891Z host app - - -", SyslogParseError.BadTimestamp)]
    [InlineData("<34>1 - host  app - - -", SyslogParseError.BadHeaderField)]
    [InlineData("<34>1 - host app - ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456 -", SyslogParseError.BadHeaderField)]
    [InlineData("<34>1 - host app - - [id", SyslogParseError.BadStructuredData)]
    [InlineData("<34>1 - host app - - [id a=\"1]", SyslogParseError.BadStructuredData)]
    [InlineData("<34>1 - host app - - [id a=1]", SyslogParseError.BadStructuredData)]
    [InlineData("<34>1 - host app - - [ a=\"1\"]", SyslogParseError.BadStructuredData)]
    [InlineData("<34>1 - host app - - [id]x", SyslogParseError.BadStructuredData)]
    [InlineData("<34>1 - host app - - x", SyslogParseError.BadStructuredData)]
    [InlineData("<34>1 - host app - -", SyslogParseError.Truncated)]
    [InlineData("<34>1 - host", SyslogParseError.Truncated)]
    public void Malformed_rfc5424_headers_are_rejected_with_the_reason(string line, SyslogParseError expected)
        => AssertError(System.Text.Encoding.UTF8.GetBytes(line), expected);

    [Theory]
    [InlineData("-23:59", 2003, 10, 12, 22, 13)]
    [InlineData("+23:00", 2003, 10, 10, 23, 14)]
    [InlineData("+15:30", 2003, 10, 11, 6, 44)]
    public void An_offset_beyond_14_hours_that_rfc3339_allows_is_read_not_rejected(string offset, int y, int mo, int d, int h, int mi)
    {
        var m = Parse(System.Text.Encoding.UTF8.GetBytes($"<34>1 2003-10-11T22:14:15{offset} host app - - - hello"));
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, 15, TimeSpan.Zero), m.Timestamp);
    }

    [Fact]
    public void A_bom_followed_by_invalid_utf8_is_bad_utf8()
        => AssertError([.. "<34>1 - - - - - - "u8, 0xEF, 0xBB, 0xBF, 0xC3, 0x28], SyslogParseError.BadUtf8);

    [Fact]
    public void Escaped_quote_backslash_and_bracket_stay_inside_the_parameter_value()
    {
        var data = System.Text.Encoding.UTF8.GetBytes("<34>1 - - - - - [a@1 x=\"\\\"\\\\\\]\" y=\"]\"] tail");
        var m = Parse(data);
        Assert.Equal("[a@1 x=\"\\\"\\\\\\]\" y=\"]\"]", Text(data, m.StructuredData));
        Assert.Equal("tail", Text(data, m.Message));
    }

    [Fact]
    public void Rfc5424Parser_requires_a_pri()
    {
        Assert.False(Rfc5424Parser.TryParse("1 - - - - - - x"u8, ReceivedAt, out _, out var error));
        Assert.Equal(SyslogParseError.BadPriority, error);
        Assert.True(Rfc5424Parser.TryParse(Line("rfc5424.log", 2), ReceivedAt, out var m, out _));
        Assert.Equal(SyslogFormat.Rfc5424, m.Format);
    }

    [Fact]
    public void Juniper_structured_lines_keep_msgid_and_structured_data()
    {
        var data = Line("juniper.log", 148);
        var m = Parse(data);
        Assert.Equal("mib2d", Text(data, m.AppName));
        Assert.Equal("8956", Text(data, m.ProcId));
        Assert.Equal("SNMP_TRAP_LINK_DOWN", Text(data, m.MsgId));
        Assert.StartsWith("[junos@1111.1.1.1.1.111 snmp-interface-index=\"508\"", Text(data, m.StructuredData));
        Assert.Equal(new DateTimeOffset(2023, 5, 8, 14, 25, 7, 466, TimeSpan.FromHours(10)), m.Timestamp);
    }

    [Fact]
    public void Juniper_header_without_version_is_parsed_as_bsd_with_an_rfc3339_timestamp()
    {
        var data = Line("juniper.log", 156); // "<166> 2023-05-08T10:54:24.756+10:00 AB1234-… - - - - …"
        var m = Parse(data);
        Assert.Equal(SyslogFormat.Rfc3164, m.Format);
        Assert.Equal(166, m.Priority);
        Assert.Equal(new DateTimeOffset(2023, 5, 8, 10, 54, 24, 756, TimeSpan.FromHours(10)), m.Timestamp);
        Assert.Equal("AB1234-A-AB-AB01C-ABC", Text(data, m.Hostname));
    }

    private static void AssertError(byte[] data, SyslogParseError expected)
    {
        Assert.False(SyslogParser.TryParse(data, ReceivedAt, out _, out var error));
        Assert.Equal(expected, error);
    }
}
