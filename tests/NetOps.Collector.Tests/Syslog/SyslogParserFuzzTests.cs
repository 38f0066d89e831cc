using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Collector.Syslog;

namespace NetOps.Collector.Tests.Syslog;

/// <summary>
/// The parsers face hostile bytes: they must return (parsed or an error) for anything. 100,000+ inputs per parser
/// run in the normal suite; <c>NETOPS_FUZZ_ITERATIONS</c> raises the count for a longer run.
/// </summary>
public sealed class SyslogParserFuzzTests
{
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("NETOPS_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 100_000;

    private static readonly byte[] Interesting = "<>[]\"\\=:-. 0123456789TZ+*%\n\r\0"u8.ToArray();

    private static byte[][] Seeds()
        => SyslogTestData.Files.SelectMany(SyslogTestData.Lines).Where(l => l.Length > 0).ToArray();

    private delegate bool Parser(ReadOnlySpan<byte> data, DateTimeOffset receivedAt, out SyslogMessage message, out SyslogParseError error);

    public static TheoryData<string> Parsers => new("SyslogParser", "Rfc5424Parser", "Rfc3164Parser");

    private static Parser Get(string name) => name switch
    {
        "Rfc5424Parser" => Rfc5424Parser.TryParse,
        "Rfc3164Parser" => Rfc3164Parser.TryParse,
        _ => SyslogParser.TryParse,
    };

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Mutated_real_lines_and_random_bytes_are_parsed_or_rejected_without_throwing(string name)
    {
        var parse = Get(name);
        var seeds = Seeds();
        var random = new Random(5424);
        var buffer = new byte[9000];
        int parsed = 0;
        for (int n = 0; n < Iterations; n++)
        {
            int length = Mutate(seeds, random, buffer);
            var data = buffer.AsSpan(0, length);
            var receivedAt = n % 97 == 0 ? (n % 2 == 0 ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue) : SyslogTestData.ReceivedAt;
            if (parse(data, receivedAt, out var message, out var error))
            {
                parsed++;
                Assert.Equal(SyslogParseError.None, error);
                AssertInside(message, length);
            }
            else
            {
                Assert.NotEqual(SyslogParseError.None, error);
            }
        }
        Assert.True(parsed > 0);
    }

    [Property(MaxTest = 10_000)]
    public void Any_bytes_are_rejected_or_parsed_without_throwing(byte[] data)
    {
        foreach (var name in new[] { "SyslogParser", "Rfc5424Parser", "Rfc3164Parser" })
        {
            if (Get(name)(data, SyslogTestData.ReceivedAt, out var message, out _)) AssertInside(message, data.Length);
        }
    }

    [Property(MaxTest = 10_000)]
    public Property Syslog_shaped_strings_are_rejected_or_parsed_without_throwing()
    {
        var pieces = Gen.Elements("<", ">", "<13>", "<191>", "1 ", "2025-01-01T00:00:00Z ", "Jan  1 00:00:00 ", "host ", "app[1]: ",
            "- ", "[id a=\"b\"]", "\\", "\"", "]", " ", ":", "*", "123: ", "UTC", "+09:00", "\xEF\xBB\xBF", "%X-1-Y: ", "msg");
        return Prop.ForAll(Gen.ListOf(pieces).Select(p => string.Concat(p)).ToArbitrary(), text =>
        {
            var data = System.Text.Encoding.Latin1.GetBytes(text);
            if (SyslogParser.TryParse(data, SyslogTestData.ReceivedAt, out var message, out _)) AssertInside(message, data.Length);
        });
    }

    private static int Mutate(byte[][] seeds, Random random, byte[] buffer)
    {
        if (random.Next(10) == 0)
        {
            int len = random.Next(0, 200);
            random.NextBytes(buffer.AsSpan(0, len));
            return len;
        }
        var seed = seeds[random.Next(seeds.Length)];
        int length = Math.Min(seed.Length, buffer.Length - 64);
        seed.AsSpan(0, length).CopyTo(buffer);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = length == 0 ? 0 : random.Next(length);
            switch (random.Next(4))
            {
                case 0 when length > 0: // bit flip
                    buffer[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // truncation
                    length = at;
                    break;
                case 2 when length < buffer.Length - 1: // insertion of a syntax byte
                    Array.Copy(buffer, at, buffer, at + 1, length - at);
                    buffer[at] = Interesting[random.Next(Interesting.Length)];
                    length++;
                    break;
                default: // overwrite with a syntax byte
                    if (length > 0) buffer[at] = Interesting[random.Next(Interesting.Length)];
                    break;
            }
        }
        return length;
    }

    private static void AssertInside(in SyslogMessage m, int length)
    {
        foreach (var r in new[] { m.Hostname, m.AppName, m.ProcId, m.MsgId, m.StructuredData, m.Message })
        {
            var (offset, count) = r.GetOffsetAndLength(length); // throws if the range lies outside the input
            Assert.True(offset >= 0 && count >= 0);
        }
        Assert.InRange(m.Priority, -1, 191);
    }
}
