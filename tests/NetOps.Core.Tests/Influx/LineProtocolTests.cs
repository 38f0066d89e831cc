using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Core.Influx;

namespace NetOps.Core.Tests.Influx;

public sealed class LineProtocolTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a b", @"a\ b")]
    [InlineData("a=b", "a=b")]
    [InlineData("a\"b", "a\"b")]
    [InlineData(@"a\b", @"a\b")]
    [InlineData("下関市", "下関市")]
    public void Measurement_escapes_comma_and_space_only(string measurement, string expected) =>
        Assert.Equal($"{expected} v=1i 0", LineProtocol.Encode(new Point(measurement, 0).Field("v", 1)));

    [Theory]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a b", @"a\ b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData("a\"b", "a\"b")]
    [InlineData(@"a\b", @"a\b")]
    [InlineData("リンク 断", @"リンク\ 断")]
    public void Tag_keys_tag_values_and_field_keys_escape_comma_equals_and_space(string text, string expected) =>
        Assert.Equal($"m,{expected}={expected} {expected}=1i 0",
            LineProtocol.Encode(new Point("m", 0).Tag(text, text).Field(text + "_f", 1)).Replace(expected + "_f", expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\path\", "\"C:\\\\path\\\\\"")]
    [InlineData("a,b c=d", "\"a,b c=d\"")]
    [InlineData("", "\"\"")]
    public void String_fields_are_quoted_with_quotes_and_backslashes_escaped(string value, string expected) =>
        Assert.Equal($"m f={expected} 5", LineProtocol.Encode(new Point("m", 5).Field("f", value)));

    [Fact]
    public void Numbers_and_booleans_use_their_line_protocol_forms()
    {
        var p = new Point("m", 1_700_000_000_123_456_789)
            .Field("i", long.MinValue).Field("f", 0.1).Field("g", 1e300).Field("h", -2.5e-300)
            .Field("whole", 3.0).Field("t", true).Field("n", false);
        Assert.Equal("m i=-9223372036854775808i,f=0.1,g=1E+300,h=-2.5E-300,whole=3,t=true,n=false 1700000000123456789", LineProtocol.Encode(p));
    }

    [Fact]
    public void Tags_are_written_sorted_by_key()
    {
        var p = new Point("m", 0).Tag("z", "1").Tag("a", "2").Field("v", 1);
        Assert.Equal("m,a=2,z=1 v=1i 0", LineProtocol.Encode(p));
    }

    public static TheoryData<string, Func<Point>> Invalid => new()
    {
        { "NaN", () => new Point("cpu", 0).Field("load", double.NaN) },
        { "Infinity", () => new Point("cpu", 0).Field("load", double.PositiveInfinity) },
        { "-Infinity", () => new Point("cpu", 0).Field("load", double.NegativeInfinity) },
        { "no fields", () => new Point("cpu", 0).Tag("site", "x") },
        { "empty value", () => new Point("cpu", 0).Tag("site", "").Field("v", 1) },
        { "newline", () => new Point("cpu", 0).Tag("site", "a\nb").Field("v", 1) },
        { "newline", () => new Point("cp\ru", 0).Field("v", 1) },
        { "newline", () => new Point("cpu", 0).Field("k\n", 1) },
        { "newline", () => new Point("cpu", 0).Field("msg", "line1\nline2") },
        { "backslash", () => new Point("cpu", 0).Tag("site", @"trailing\").Field("v", 1) },
        { "backslash", () => new Point(@"cpu\", 0).Field("v", 1) },
        { "backslash before ','", () => new Point("cpu", 0).Tag("site", @"a\,b").Field("v", 1) },
        { "backslash before ' '", () => new Point(@"c\ pu", 0).Field("v", 1) },
        { "backslash before '='", () => new Point("cpu", 0).Field(@"a\=b", 1) },
        { "comment", () => new Point("#cpu", 0).Field("v", 1) },
        { "reserved", () => new Point("cpu", 0).Field("time", 1) },
        { "both a tag and a field", () => new Point("cpu", 0).Tag("x", "1").Field("x", 1) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Points_line_protocol_cannot_carry_are_rejected_with_a_message_naming_the_point_and_the_problem(string problem, Func<Point> point)
    {
        var p = point();
        var ex = Assert.Throws<LineProtocolException>(() => LineProtocol.Encode(p));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{p.Measurement.Replace("\r", "\\r", StringComparison.Ordinal)}'", ex.Message, StringComparison.Ordinal);
        Assert.False(LineProtocol.TryValidate(p, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Writing_appends_lines_to_a_buffer()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        LineProtocol.Write(buffer, new Point("a", 1).Field("v", 1));
        LineProtocol.Write(buffer, new Point("b", 2).Field("v", 2));
        Assert.Equal("a v=1i 1\nb v=2i 2\n", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Property(MaxTest = 2_000)]
    public bool Any_point_is_rejected_or_encodes_to_a_line_that_parses_back_to_it(
        NonEmptyString measurement, NonEmptyString tagKey, string tagValue, NonEmptyString fieldKey, string text, double number, long integer, bool flag, long timestamp)
    {
        Point p;
        try
        {
            p = new Point(measurement.Get, timestamp)
                .Tag(tagKey.Get, tagValue ?? "")
                .Field(fieldKey.Get, text ?? "")
                .Field(fieldKey.Get + "_f", number)
                .Field(fieldKey.Get + "_i", integer)
                .Field(fieldKey.Get + "_b", flag);
        }
        catch (ArgumentException)
        {
            return true;
        }
        if (!LineProtocol.TryValidate(p, out _))
        {
            Assert.Throws<LineProtocolException>(() => LineProtocol.Encode(p));
            return true;
        }
        var parsed = LineProtocolTestParser.Parse(LineProtocol.Encode(p));
        return parsed.Measurement == p.Measurement
            && parsed.TimestampNs == p.TimestampNs
            && parsed.Tags.SequenceEqual(p.Tags)
            && parsed.Fields.SequenceEqual(p.Fields);
    }

    [Property(MaxTest = 500)]
    public bool Names_made_of_separator_characters_round_trip(string[] parts)
    {
        var pieces = new[] { ",", " ", "=", "\"", "\\", "x", "語", "😀" };
        var name = string.Concat((parts ?? []).Select(s => pieces[(s?.Length ?? 0) % pieces.Length])) + "z";
        var p = new Point(name, 1).Tag(name, name).Field(name + "f", name);
        if (!LineProtocol.TryValidate(p, out var error)) return error!.Contains("backslash", StringComparison.Ordinal);
        var parsed = LineProtocolTestParser.Parse(LineProtocol.Encode(p));
        return parsed.Measurement == name && parsed.Tags[0].Key == name && parsed.Tags[0].Value == name
            && parsed.Fields[0].Key == name + "f" && parsed.Fields[0].Value.StringValue == name;
    }
}
