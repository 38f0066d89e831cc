using System.Globalization;
using System.Net;
using System.Text;

namespace NetOps.Bench.Snmp;

/// <summary>
/// The simulated agents' data: one <c>.snmprec</c> file per agent (snmpsim picks the file by the v2c community), each
/// with sysDescr, sysUpTime, ifNumber and, for <see cref="Interfaces"/> interfaces, the ifTable and ifXTable columns
/// NetOps reads. Lines are in OID order, as snmpsim's GETNEXT/GETBULK index expects.
/// </summary>
public static class SnmprecAgents
{
    public const int Interfaces = 4;

    /// <summary>Varbinds one agent holds (what a walk of mib-2 returns): 3 scalars and 12 columns per interface.</summary>
    public const int Objects = 3 + 12 * Interfaces;

    /// <summary>Agent <paramref name="index"/>'s community, which is also its data file's name.</summary>
    public static string Community(int index) => string.Create(CultureInfo.InvariantCulture, $"agent{index:D4}");

    /// <summary>The loopback address of agent (or device) <paramref name="index"/>: 127.0.a.b, b from 1 to 250.</summary>
    public static IPAddress Address(int index) => new([127, (byte)(index / 250 / 256), (byte)(index / 250 % 256), (byte)(index % 250 + 1)]);

    public static void Write(string directory, int agents)
    {
        for (int a = 0; a < agents; a++)
            File.WriteAllText(Path.Combine(directory, Community(a) + ".snmprec"), Render(a), Encoding.ASCII);
    }

    private static string Render(int agent)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<(string Oid, int Tag, string Value)>
        {
            ("1.3.6.1.2.1.1.1.0", 4, $"NetOps bench agent {agent}"),
            ("1.3.6.1.2.1.1.3.0", 67, (360_000 + agent * 17).ToString(inv)),
            ("1.3.6.1.2.1.2.1.0", 2, Interfaces.ToString(inv)),
        };
        for (int i = 1; i <= Interfaces; i++)
        {
            ulong hcIn = 1_000_000_000UL * (ulong)(agent + 1) + (ulong)i * 7_919, hcOut = hcIn / 3;
            string s = i.ToString(inv);
            rows.Add(($"1.3.6.1.2.1.2.2.1.1.{s}", 2, s));                                   // ifIndex
            rows.Add(($"1.3.6.1.2.1.2.2.1.2.{s}", 4, $"GigabitEthernet0/{i - 1}"));        // ifDescr
            rows.Add(($"1.3.6.1.2.1.2.2.1.8.{s}", 2, i == Interfaces ? "2" : "1"));        // ifOperStatus: the last one down
            rows.Add(($"1.3.6.1.2.1.2.2.1.10.{s}", 65, (hcIn & 0xFFFF_FFFF).ToString(inv)));  // ifInOctets
            rows.Add(($"1.3.6.1.2.1.2.2.1.14.{s}", 65, (agent % 7).ToString(inv)));        // ifInErrors
            rows.Add(($"1.3.6.1.2.1.2.2.1.16.{s}", 65, (hcOut & 0xFFFF_FFFF).ToString(inv))); // ifOutOctets
            rows.Add(($"1.3.6.1.2.1.2.2.1.20.{s}", 65, "0"));                              // ifOutErrors
            rows.Add(($"1.3.6.1.2.1.31.1.1.1.1.{s}", 4, $"Gi0/{i - 1}"));                  // ifName
            rows.Add(($"1.3.6.1.2.1.31.1.1.1.6.{s}", 70, hcIn.ToString(inv)));             // ifHCInOctets
            rows.Add(($"1.3.6.1.2.1.31.1.1.1.10.{s}", 70, hcOut.ToString(inv)));           // ifHCOutOctets
            rows.Add(($"1.3.6.1.2.1.31.1.1.1.15.{s}", 66, "1000"));                         // ifHighSpeed
            rows.Add(($"1.3.6.1.2.1.31.1.1.1.18.{s}", 4, i == 1 ? "primary line" : i == 2 ? "backup line" : ""));  // ifAlias
        }
        rows.Sort((x, y) => CompareOids(x.Oid, y.Oid));
        var sb = new StringBuilder();
        foreach (var (oid, tag, value) in rows) sb.Append(oid).Append('|').Append(tag.ToString(inv)).Append('|').Append(value).Append('\n');
        return sb.ToString();
    }

    private static int CompareOids(string a, string b)
    {
        var x = a.Split('.'); var y = b.Split('.');
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            int c = long.Parse(x[i], CultureInfo.InvariantCulture).CompareTo(long.Parse(y[i], CultureInfo.InvariantCulture));
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }
}
