using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

public sealed class InterfaceWalkTests
{
    /// <summary>An agent's MIB as a sorted table, answering GETBULK as RFC 3416 §4.2.3 says (next object after each name).</summary>
    internal sealed class MibTable(IEnumerable<(string Oid, SnmpValue Value)> objects)
    {
        private readonly List<VarBind> _objects = objects.Select(o => new VarBind(Oid.Parse(o.Oid), o.Value)).OrderBy(v => v.Oid).ToList();

        public SnmpPdu Answer(IReadOnlyList<Oid> oids, int nonRepeaters, int maxRepetitions)
        {
            var binds = new List<VarBind>();
            for (int i = 0; i < nonRepeaters; i++) binds.Add(Next(oids[i]));
            var last = oids.Skip(nonRepeaters).ToList();
            for (int r = 0; r < maxRepetitions && last.Count > 0; r++)
            {
                for (int c = 0; c < last.Count; c++)
                {
                    var next = Next(last[c]);
                    binds.Add(next);
                    last[c] = next.Oid;
                }
            }
            return new SnmpPdu(SnmpPduType.Response, 1, 0, 0, binds);
        }

        private VarBind Next(Oid after)
        {
            foreach (var o in _objects) if (o.Oid.CompareTo(after) > 0) return o;
            return new VarBind(after, new SnmpValue(SnmpType.EndOfMibView, 0, null, null));
        }
    }

    internal static List<(string, SnmpValue)> Agent(bool hc, uint upTime = 1000, ulong in1 = 100, ulong out1 = 200, int interfaces = 2)
    {
        var mib = new List<(string, SnmpValue)> { ("1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(upTime)), ("1.3.6.1.2.1.1.5.0", SnmpValue.OctetString("rt1")) };
        for (uint i = 1; i <= interfaces; i++)
        {
            mib.Add(($"1.3.6.1.2.1.2.2.1.1.{i}", SnmpValue.Integer((int)i)));
            mib.Add(($"1.3.6.1.2.1.2.2.1.2.{i}", SnmpValue.OctetString($"GigabitEthernet0/{i - 1}")));
            mib.Add(($"1.3.6.1.2.1.2.2.1.8.{i}", SnmpValue.Integer(i == 1 ? 1 : 2)));
            mib.Add(($"1.3.6.1.2.1.2.2.1.10.{i}", SnmpValue.Counter32((uint)(in1 * i))));
            mib.Add(($"1.3.6.1.2.1.2.2.1.14.{i}", SnmpValue.Counter32(3)));
            mib.Add(($"1.3.6.1.2.1.2.2.1.16.{i}", SnmpValue.Counter32((uint)(out1 * i))));
            mib.Add(($"1.3.6.1.2.1.2.2.1.20.{i}", SnmpValue.Counter32(4)));
            mib.Add(($"1.3.6.1.2.1.31.1.1.1.1.{i}", SnmpValue.OctetString($"Gi0/{i - 1}")));
            if (hc)
            {
                mib.Add(($"1.3.6.1.2.1.31.1.1.1.6.{i}", SnmpValue.Counter64(in1 * i + (1UL << 40))));
                mib.Add(($"1.3.6.1.2.1.31.1.1.1.10.{i}", SnmpValue.Counter64(out1 * i + (1UL << 40))));
            }
            mib.Add(($"1.3.6.1.2.1.31.1.1.1.15.{i}", new SnmpValue(SnmpType.Gauge32, 1000, null, null)));
            mib.Add(($"1.3.6.1.2.1.31.1.1.1.18.{i}", SnmpValue.OctetString(i == 1 ? "to 山口県 (primary)" : "")));
        }
        mib.Add(("1.3.6.1.2.1.4.1.0", SnmpValue.Integer(1)));
        return mib;
    }

    internal static InterfaceWalk Walk(IEnumerable<(string, SnmpValue)> mib, int maxRepetitions = 3, int maxInterfaces = 4096)
    {
        var table = new MibTable(mib);
        var walk = new InterfaceWalk(maxInterfaces);
        for (int requests = 0; walk.NextRequest() is { } request; requests++)
        {
            Assert.True(requests < 100, "the walk does not end");
            Assert.True(walk.Absorb(table.Answer(request.Oids, request.NonRepeaters, maxRepetitions)));
        }
        return walk;
    }

    [Fact]
    public void A_walk_reads_every_column_of_every_interface_and_sysUpTime()
    {
        var walk = Walk(Agent(hc: true, interfaces: 5));
        Assert.Equal(1000u, walk.SysUpTime);
        Assert.Equal(5, walk.Rows.Count);
        var row = walk.Rows[1];
        Assert.Equal("Gi0/0", row.Name);
        Assert.Equal("GigabitEthernet0/0", row.Descr);
        Assert.Equal("to 山口県 (primary)", row.Alias);
        Assert.Equal(1, row.OperStatus);
        Assert.Equal(100 + (1UL << 40), row.InOctets);
        Assert.True(row.Octets64);
        Assert.Equal(3UL, row.InErrors);
        Assert.Equal(4UL, row.OutErrors);
        Assert.Equal(1000UL, row.HighSpeedMbps);
        Assert.Equal(2, walk.Rows[2].OperStatus);
    }

    [Fact]
    public void Without_ifHCInOctets_the_32_bit_counters_are_used_and_marked_as_such()
    {
        var walk = Walk(Agent(hc: false));
        var row = walk.Rows[2];
        Assert.Equal(200UL, row.InOctets);
        Assert.Equal(400UL, row.OutOctets);
        Assert.False(row.InOctets64);
        Assert.False(row.Octets64);
    }

    [Fact]
    public void An_agent_without_IF_MIB_ends_the_walk_with_no_rows()
    {
        var walk = Walk([("1.3.6.1.2.1.1.3.0", SnmpValue.TimeTicks(5))]);
        Assert.Empty(walk.Rows);
        Assert.Equal(5u, walk.SysUpTime);
    }

    [Fact]
    public void Rows_beyond_the_interface_limit_are_counted_and_left_out()
    {
        var walk = Walk(Agent(hc: true, interfaces: 10), maxInterfaces: 4);
        Assert.Equal(4, walk.Rows.Count);
        Assert.True(walk.Truncated > 0);
    }

    [Fact]
    public void An_agent_that_answers_the_same_names_again_does_not_make_the_walk_loop()
    {
        var walk = new InterfaceWalk(100);
        var first = walk.NextRequest()!.Value;
        var stuck = new SnmpPdu(SnmpPduType.Response, 1, 0, 0,
            [new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(1)), .. IfMib.Columns.Select(c => new VarBind(c.Append(1), SnmpValue.Integer(1)))]);
        Assert.True(walk.Absorb(stuck));
        var again = new SnmpPdu(SnmpPduType.Response, 2, 0, 0, IfMib.Columns.Select(c => new VarBind(c.Append(1), SnmpValue.Integer(1))).ToList());
        Assert.NotNull(walk.NextRequest());
        Assert.True(walk.Absorb(again));
        Assert.Null(walk.NextRequest());
        Assert.Equal(1, first.NonRepeaters);
    }
}
