using System.Text;
using NetOps.Collector.Syslog;
using static NetOps.Collector.Tests.Syslog.SyslogTestData;

namespace NetOps.Collector.Tests.Syslog;

/// <summary>Every line of the shared vendor files is real device output, so every one must parse.</summary>
public sealed class VendorLinesTests
{
    public static TheoryData<string> VendorFiles => new("cisco-ios.log", "juniper.log", "fortigate.log", "paloalto.log");

    [Theory]
    [MemberData(nameof(VendorFiles))]
    public void Every_real_vendor_line_parses_without_error(string file)
    {
        var failures = new List<string>();
        var lines = Lines(file);
        for (int i = 0; i < lines.Length; i++)
        {
            if (!SyslogParser.TryParse(lines[i], ReceivedAt, out var message, out var error))
            {
                failures.Add($"{file}:{i + 1} {error}: {Encoding.UTF8.GetString(lines[i])}");
                continue;
            }
            Assert.True(message.Message.End.Value <= lines[i].Length);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Dump()
    {
        var path = Environment.GetEnvironmentVariable("NETOPS_SYSLOG_DUMP");
        if (string.IsNullOrEmpty(path)) return;
        var sb = new StringBuilder();
        foreach (var file in Files)
        {
            var lines = Lines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                bool ok = SyslogParser.TryParse(lines[i], ReceivedAt, out var m, out var e);
                var d = ok ? Describe(lines[i], m) : "ERROR " + e;
                sb.Append(file).Append(':').Append(i + 1).Append(' ').AppendLine(d.Length > 230 ? d[..230] : d);
            }
        }
        File.WriteAllText(path, sb.ToString());
    }
}
