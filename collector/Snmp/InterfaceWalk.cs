namespace NetOps.Collector.Snmp;

/// <summary>
/// A GETBULK walk of the IF-MIB columns (<see cref="IfMib.Columns"/>) side by side, plus sysUpTime.0 as a
/// non-repeater of the first request. Each answer advances every column that is still inside its subtree; a column
/// that leaves it, reports an exception (noSuchObject, endOfMibView) or does not move forward is done. Pure logic: the
/// caller sends <see cref="NextRequest"/> and hands the answer to <see cref="Absorb"/>, so it is tested without a network.
/// </summary>
public sealed class InterfaceWalk(int maxInterfaces)
{
    private readonly Oid?[] _last = new Oid?[IfMib.Columns.Count];
    private readonly bool[] _done = new bool[IfMib.Columns.Count];
    private readonly Dictionary<uint, InterfaceRow> _rows = [];
    private List<int> _active = [];
    private bool _first = true;

    public uint? SysUpTime { get; private set; }
    public IReadOnlyDictionary<uint, InterfaceRow> Rows => _rows;

    /// <summary>Rows the agent had beyond <c>maxInterfaces</c>, left out.</summary>
    public int Truncated { get; private set; }

    public bool Complete => _done.All(d => d);

    /// <summary>The varbind names and non-repeaters of the next GETBULK; null when the walk is complete.</summary>
    public (IReadOnlyList<Oid> Oids, int NonRepeaters)? NextRequest()
    {
        if (Complete) return null;
        _active = Enumerable.Range(0, _done.Length).Where(i => !_done[i]).ToList();
        var oids = new List<Oid>(_active.Count + 1);
        if (_first) oids.Add(IfMib.SysUpTime);
        foreach (var c in _active) oids.Add(_last[c] ?? IfMib.Columns[c]);
        return (oids, _first ? 1 : 0);
    }

    /// <summary>Takes the answer to the last <see cref="NextRequest"/>; false when it cannot be one (the caller gives up).</summary>
    public bool Absorb(SnmpPdu response)
    {
        var binds = response.VarBinds;
        int k = 0;
        if (_first)
        {
            if (binds.Count == 0) return false;
            if (binds[0].Oid == IfMib.SysUpTime0 && binds[0].Value.Type == SnmpType.TimeTicks) SysUpTime = (uint)binds[0].Value.Number;
            k = 1;
            _first = false;
        }
        if (_active.Count == 0) return true;
        bool moved = false;
        for (int i = 0; k < binds.Count; k++, i++)
        {
            int column = _active[i % _active.Count];
            if (_done[column]) continue;
            var vb = binds[k];
            var root = IfMib.Columns[column];
            if (vb.Value.IsException || !root.IsPrefixOf(vb.Oid) || vb.Oid.Length != root.Length + 1
                || (_last[column] is { } last && vb.Oid.CompareTo(last) <= 0))
            {
                _done[column] = true;
                continue;
            }
            _last[column] = vb.Oid;
            moved = true;
            Store(column, vb.Oid[vb.Oid.Length - 1], vb.Value);
        }
        // An answer without a single step forward for a column that is not done would loop for ever.
        if (!moved) foreach (var c in _active) _done[c] = true;
        return true;
    }

    private void Store(int column, uint index, SnmpValue value)
    {
        if (!_rows.TryGetValue(index, out var row))
        {
            if (_rows.Count >= maxInterfaces)
            {
                Truncated++;
                return;
            }
            row = new InterfaceRow(index);
            _rows.Add(index, row);
        }
        var oid = IfMib.Columns[column];
        bool number = value.Type is SnmpType.Counter32 or SnmpType.Counter64 or SnmpType.Gauge32 or SnmpType.Integer or SnmpType.TimeTicks;
        if (oid == IfMib.IfName) row.Name = Text(value);
        else if (oid == IfMib.IfDescr) row.Descr = Text(value);
        else if (oid == IfMib.IfAlias) row.Alias = Text(value);
        else if (!number) return; // a counter of the wrong type is not a counter
        else if (oid == IfMib.IfOperStatus) row.OperStatus = (int)Math.Clamp(value.AsInt64, int.MinValue, int.MaxValue);
        else if (oid == IfMib.IfHCInOctets) { row.InOctets = value.Number; row.InOctets64 = true; }
        else if (oid == IfMib.IfHCOutOctets) { row.OutOctets = value.Number; row.OutOctets64 = true; }
        else if (oid == IfMib.IfInOctets) { if (!row.InOctets64) row.InOctets = value.Number & 0xFFFF_FFFF; }
        else if (oid == IfMib.IfOutOctets) { if (!row.OutOctets64) row.OutOctets = value.Number & 0xFFFF_FFFF; }
        else if (oid == IfMib.IfInErrors) row.InErrors = value.Number & 0xFFFF_FFFF;
        else if (oid == IfMib.IfOutErrors) row.OutErrors = value.Number & 0xFFFF_FFFF;
        else if (oid == IfMib.IfHighSpeed) row.HighSpeedMbps = value.Number;
    }

    private static string? Text(SnmpValue value) =>
        value.Type == SnmpType.OctetString ? value.AsText() : null;
}
