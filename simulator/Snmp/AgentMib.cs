using NetOps.Collector.Snmp;

namespace NetOps.Simulator.Snmp;

/// <summary>
/// The MIB view of a simulated router: system and IF-MIB objects, sorted by OID, and how a v2c agent answers GET,
/// GETNEXT and GETBULK over it (RFC 3416 §4.2). Pure: the view is built from the device's state at the moment of the
/// request, the answer from the view.
/// </summary>
public static class AgentMib
{
    private static readonly Oid SysDescr = Oid.Parse("1.3.6.1.2.1.1.1.0");
    private static readonly Oid SysObjectId = Oid.Parse("1.3.6.1.2.1.1.2.0");
    private static readonly Oid SysName = Oid.Parse("1.3.6.1.2.1.1.5.0");
    private static readonly Oid IfNumber = Oid.Parse("1.3.6.1.2.1.2.1.0");
    private static readonly Oid IfType = Oid.Parse("1.3.6.1.2.1.2.2.1.3");
    private static readonly Oid IfSpeed = Oid.Parse("1.3.6.1.2.1.2.2.1.5");
    private static readonly Oid IfAdminStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.7");

    /// <summary>An answer carries at most this many varbinds (a GETBULK asking for more gets fewer, as RFC 3416 allows).</summary>
    public const int MaxAnswerVarBinds = 1024;

    private static readonly SnmpValue EndOfMibView = new(SnmpType.EndOfMibView, 0, null, null);
    private static readonly SnmpValue NoSuchObject = new(SnmpType.NoSuchObject, 0, null, null);

    /// <summary>Every object of the device, sorted by OID.</summary>
    public static VarBind[] View(string sysName, string sysDescr, Oid sysObjectId, uint upTimeTicks, IReadOnlyList<SimulatedInterface> interfaces)
    {
        var binds = new List<VarBind>(5 + interfaces.Count * 16)
        {
            new(SysDescr, SnmpValue.OctetString(sysDescr)),
            new(SysObjectId, SnmpValue.ObjectId(sysObjectId)),
            new(IfMib.SysUpTime0, SnmpValue.TimeTicks(upTimeTicks)),
            new(SysName, SnmpValue.OctetString(sysName)),
            new(IfNumber, SnmpValue.Integer(interfaces.Count)),
        };
        foreach (var i in interfaces)
        {
            uint index = (uint)i.Index;
            binds.Add(new(IfMib.IfIndex.Append(index), SnmpValue.Integer(i.Index)));
            binds.Add(new(IfMib.IfDescr.Append(index), SnmpValue.OctetString(i.Descr)));
            binds.Add(new(IfType.Append(index), SnmpValue.Integer(6))); // ethernetCsmacd
            binds.Add(new(IfSpeed.Append(index), SnmpValue.Gauge32((uint)Math.Min(uint.MaxValue, i.SpeedMbps * 1_000_000UL))));
            binds.Add(new(IfAdminStatus.Append(index), SnmpValue.Integer(1)));
            binds.Add(new(IfMib.IfOperStatus.Append(index), SnmpValue.Integer(i.OperUp ? 1 : 2)));
            binds.Add(new(IfMib.IfInOctets.Append(index), SnmpValue.Counter32(unchecked((uint)i.InOctets))));
            binds.Add(new(IfMib.IfInErrors.Append(index), SnmpValue.Counter32(i.InErrors)));
            binds.Add(new(IfMib.IfOutOctets.Append(index), SnmpValue.Counter32(unchecked((uint)i.OutOctets))));
            binds.Add(new(IfMib.IfOutErrors.Append(index), SnmpValue.Counter32(i.OutErrors)));
            binds.Add(new(IfMib.IfName.Append(index), SnmpValue.OctetString(i.Name)));
            binds.Add(new(IfMib.IfHCInOctets.Append(index), SnmpValue.Counter64(i.InOctets)));
            binds.Add(new(IfMib.IfHCOutOctets.Append(index), SnmpValue.Counter64(i.OutOctets)));
            binds.Add(new(IfMib.IfHighSpeed.Append(index), SnmpValue.Gauge32(i.SpeedMbps)));
            binds.Add(new(IfMib.IfAlias.Append(index), SnmpValue.OctetString(i.Alias)));
        }
        binds.Sort((a, b) => a.Oid.CompareTo(b.Oid));
        return [.. binds];
    }

    /// <summary>
    /// The Response to a GET, GETNEXT or GETBULK over <paramref name="view"/>; null for any other PDU (a SET, a trap: a
    /// read-only agent does not answer them).
    /// </summary>
    public static SnmpPdu? Answer(SnmpPdu request, VarBind[] view)
    {
        var answer = new List<VarBind>();
        switch (request.Type)
        {
            case SnmpPduType.GetRequest:
                foreach (var vb in request.VarBinds)
                {
                    int at = Find(view, vb.Oid);
                    answer.Add(at >= 0 ? view[at] : new VarBind(vb.Oid, NoSuchObject));
                }
                break;
            case SnmpPduType.GetNextRequest:
                foreach (var vb in request.VarBinds) answer.Add(Next(view, vb.Oid));
                break;
            case SnmpPduType.GetBulkRequest:
                int nonRepeaters = Math.Clamp(request.ErrorStatus, 0, request.VarBinds.Count);
                int repetitions = Math.Max(0, request.ErrorIndex);
                for (int i = 0; i < nonRepeaters; i++) answer.Add(Next(view, request.VarBinds[i].Oid));
                var cursors = request.VarBinds.Skip(nonRepeaters).Select(v => v.Oid).ToArray();
                for (int r = 0; r < repetitions && cursors.Length > 0 && answer.Count + cursors.Length <= MaxAnswerVarBinds; r++)
                {
                    bool any = false;
                    for (int c = 0; c < cursors.Length; c++)
                    {
                        var next = Next(view, cursors[c]);
                        answer.Add(next);
                        if (next.Value.Type != SnmpType.EndOfMibView) { cursors[c] = next.Oid; any = true; }
                    }
                    if (!any) break; // every column is past the end: more rows would repeat endOfMibView
                }
                break;
            default:
                return null;
        }
        return new SnmpPdu(SnmpPduType.Response, request.RequestId, 0, 0, answer);
    }

    private static int Find(VarBind[] view, Oid oid)
    {
        int lo = 0, hi = view.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = view[mid].Oid.CompareTo(oid);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>The first object after <paramref name="oid"/>, or endOfMibView named by <paramref name="oid"/>.</summary>
    private static VarBind Next(VarBind[] view, Oid oid)
    {
        int at = Find(view, oid);
        int next = at >= 0 ? at + 1 : ~at;
        return next < view.Length ? view[next] : new VarBind(oid, EndOfMibView);
    }
}
