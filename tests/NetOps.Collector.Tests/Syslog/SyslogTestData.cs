using System.Text;
using NetOps.Collector.Syslog;
using NetOps.Testing;

namespace NetOps.Collector.Tests.Syslog;

/// <summary>Lines of the shared syslog files as raw bytes (1-based line numbers), and field helpers.</summary>
internal static class SyslogTestData
{
    public static readonly DateTimeOffset ReceivedAt = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] Files = ["rfc5424.log", "rfc3164.log", "cisco-ios.log", "juniper.log", "fortigate.log", "paloalto.log"];

    private static readonly Dictionary<string, byte[][]> Cache = new();

    public static byte[][] Lines(string file)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(file, out var lines)) return lines;
            var bytes = File.ReadAllBytes(SharedData.Path("syslog/" + file));
            var list = new List<byte[]>();
            int start = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != (byte)'\n') continue;
                list.Add(bytes[start..i]);
                start = i + 1;
            }
            if (start < bytes.Length) list.Add(bytes[start..]);
            return Cache[file] = list.ToArray();
        }
    }

    public static byte[] Line(string file, int number) => Lines(file)[number - 1];

    public static string Text(byte[] data, Range range) => Encoding.UTF8.GetString(data.AsSpan()[range]);

    public static SyslogMessage Parse(byte[] data, TimeSpan? defaultOffset = null)
    {
        Assert.True(SyslogParser.TryParse(data, ReceivedAt, defaultOffset, out var message, out var error),
            $"expected to parse, got {error}: {Encoding.UTF8.GetString(data)}");
        Assert.Equal(SyslogParseError.None, error);
        return message;
    }

    public static SyslogMessage Parse(string line, TimeSpan? defaultOffset = null) => Parse(Encoding.UTF8.GetBytes(line), defaultOffset);

    /// <summary>The header fields as one comparable string: "format|pri|version|timestamp|host|app|procid|msgid|sd|message".</summary>
    public static string Describe(byte[] data, in SyslogMessage m) => string.Join("|",
        m.Format, m.Priority, m.Version, m.Timestamp?.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz") ?? "-",
        Text(data, m.Hostname), Text(data, m.AppName), Text(data, m.ProcId), Text(data, m.MsgId),
        Text(data, m.StructuredData), Text(data, m.Message));
}
