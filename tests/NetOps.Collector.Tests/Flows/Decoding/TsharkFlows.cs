using System.Globalization;
using System.Text.RegularExpressions;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>
/// The flow records of a shared <c>*.tshark-O-cflow.txt</c> decode (tshark's independent reading of the capture), with
/// the fields NetOps keeps. Options records (no addresses) are left out.
/// </summary>
public sealed partial record TsharkFlow(string Source, string Destination, int SourcePort, int DestinationPort, int Protocol,
    ulong Bytes, ulong Packets, uint Input, uint Output)
{
    public static List<TsharkFlow> Read(string path)
    {
        var flows = new List<TsharkFlow>();
        Dictionary<string, string>? current = null;
        void End()
        {
            if (current is null || !current.ContainsKey("SrcAddr")) return;
            flows.Add(new TsharkFlow(current["SrcAddr"], current["DstAddr"], First(current, "SrcPort"), First(current, "DstPort"),
                Paren(current["Protocol"]), ulong.Parse(current["Octets"], CultureInfo.InvariantCulture),
                ulong.Parse(current["Packets"], CultureInfo.InvariantCulture), (uint)First(current, "InputInt"), (uint)First(current, "OutputInt")));
        }
        foreach (var line in File.ReadLines(path))
        {
            if (FlowStart().IsMatch(line)) { End(); current = new Dictionary<string, string>(); continue; }
            if (line.StartsWith("Frame ", StringComparison.Ordinal) || line.StartsWith("    FlowSet ", StringComparison.Ordinal)
                || line.StartsWith("    Set ", StringComparison.Ordinal)) { End(); current = null; continue; }
            if (current is null) continue;
            var m = Field().Match(line);
            // both the IPv6 and the IPv4 address fields are "SrcAddr" in a mixed template: the last one wins, as in NetOps when v6 is ::
            if (m.Success && !(current.ContainsKey(m.Groups[1].Value) && m.Groups[2].Value == "::")) current[m.Groups[1].Value] = m.Groups[2].Value.Trim();
        }
        End();
        return flows;
    }

    private static int First(Dictionary<string, string> d, string key) =>
        d.TryGetValue(key, out var v) ? int.Parse(v.Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private static int Paren(string v)
    {
        int open = v.LastIndexOf('(');
        return open < 0 ? int.Parse(v, CultureInfo.InvariantCulture) : int.Parse(v[(open + 1)..v.LastIndexOf(')')], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(        Flow \d+|    pdu \d+/\d+)$")]
    private static partial Regex FlowStart();

    [GeneratedRegex(@"^ {8,12}(SrcAddr|DstAddr|SrcPort|DstPort|Protocol|Octets|Packets|InputInt|OutputInt): (.+)$")]
    private static partial Regex Field();
}
