namespace NetOps.Collector.Flows.Decoding;

/// <summary>
/// A template compiled to a field plan: for fixed-length templates only the fields NetOps uses, each with its offset
/// in the record, so a record is decoded without any lookup. Templates with variable-length fields (IPFIX) keep every
/// field and are walked.
/// </summary>
internal sealed class FlowTemplate
{
    /// <summary>More fields than this is taken for garbage, not a template (real ones have well under 100).</summary>
    public const int MaxFields = 512;

    private FlowTemplate(ushort id, bool isOptions, FieldPlan[] fields, int recordLength, bool variable, byte[] definition,
        bool sourceV4, bool sourceV6, bool destinationV4, bool destinationV6)
    {
        Id = id;
        IsOptions = isOptions;
        Fields = fields;
        RecordLength = recordLength;
        HasVariableLength = variable;
        Definition = definition;
        HasSourceV4 = sourceV4;
        HasSourceV6 = sourceV6;
        HasDestinationV4 = destinationV4;
        HasDestinationV6 = destinationV6;
    }

    public ushort Id { get; }
    public bool IsOptions { get; }
    public FieldPlan[] Fields { get; }
    /// <summary>The record length; for variable-length templates the shortest possible record (each variable field 1 byte).</summary>
    public int RecordLength { get; }
    public bool HasVariableLength { get; }
    /// <summary>The template record as sent, to recognise an unchanged resend without recompiling.</summary>
    public byte[] Definition { get; }
    public bool HasSourceV4 { get; }
    public bool HasSourceV6 { get; }
    public bool HasDestinationV4 { get; }
    public bool HasDestinationV6 { get; }
    public long LastSeenNs { get; set; }

    /// <summary>Compiles field specs; null (BadTemplate) when no record could be read with it.</summary>
    public static FlowTemplate? Compile(ushort id, bool isOptions, ReadOnlySpan<FieldSpec> specs, ReadOnlySpan<byte> definition)
    {
        if (specs.Length == 0 || specs.Length > MaxFields) return null;
        int minLength = 0;
        bool variable = false;
        // the best-ranked source of each value wins (e.g. octetDeltaCount over octetTotalCount); rank 0 is best
        int bytesRank = int.MaxValue, packetsRank = int.MaxValue, startRank = int.MaxValue, endRank = int.MaxValue;
        foreach (var s in specs)
        {
            if (s.Length == FieldPlan.VariableLength) { variable = true; minLength += 1; continue; }
            minLength += s.Length;
            var (target, rank) = Map(s, isOptions);
            switch (target)
            {
                case FieldTarget.Bytes: bytesRank = Math.Min(bytesRank, rank); break;
                case FieldTarget.Packets: packetsRank = Math.Min(packetsRank, rank); break;
                case FieldTarget.StartUptimeMs or FieldTarget.StartSeconds or FieldTarget.StartMilliseconds or FieldTarget.StartNtp:
                    startRank = Math.Min(startRank, rank); break;
                case FieldTarget.EndUptimeMs or FieldTarget.EndSeconds or FieldTarget.EndMilliseconds or FieldTarget.EndNtp:
                    endRank = Math.Min(endRank, rank); break;
            }
        }
        if (minLength == 0 || minLength > ushort.MaxValue) return null;

        var plan = new List<FieldPlan>(variable ? specs.Length : 16);
        bool s4 = false, s6 = false, d4 = false, d6 = false;
        int offset = 0;
        foreach (var s in specs)
        {
            if (s.Length == FieldPlan.VariableLength)
            {
                plan.Add(new FieldPlan(0, FieldPlan.VariableLength, FieldTarget.Skip));
                continue;
            }
            var (target, rank) = Map(s, isOptions);
            int wanted = target switch
            {
                FieldTarget.Bytes => bytesRank,
                FieldTarget.Packets => packetsRank,
                FieldTarget.StartUptimeMs or FieldTarget.StartSeconds or FieldTarget.StartMilliseconds or FieldTarget.StartNtp => startRank,
                FieldTarget.EndUptimeMs or FieldTarget.EndSeconds or FieldTarget.EndMilliseconds or FieldTarget.EndNtp => endRank,
                _ => rank,
            };
            if (rank != wanted) target = FieldTarget.Skip;
            switch (target)
            {
                case FieldTarget.SourceV4: s4 = true; break;
                case FieldTarget.SourceV6: s6 = true; break;
                case FieldTarget.DestinationV4: d4 = true; break;
                case FieldTarget.DestinationV6: d6 = true; break;
            }
            if (target != FieldTarget.Skip || variable)
                plan.Add(new FieldPlan(variable ? (ushort)0 : (ushort)offset, s.Length, target));
            offset += s.Length;
        }
        return new FlowTemplate(id, isOptions, plan.ToArray(), minLength, variable, definition.ToArray(), s4, s6, d4, d6);
    }

    /// <summary>The target of a field and its rank among sources of the same value, or Skip when its length does not fit.</summary>
    private static (FieldTarget Target, int Rank) Map(FieldSpec s, bool isOptions)
    {
        if (s.Enterprise || s.Length == 0) return (FieldTarget.Skip, 0);
        // IPFIX sampler options are scoped by the sampler (RFC 5476 §6.5); v9 scope types (1–5) never collide with 48 or 302
        if (s.Scope) return isOptions && s.Type is 48 or 302 && s.Length <= 8 ? (FieldTarget.SamplerId, 0) : (FieldTarget.Skip, 0);
        var (target, rank) = s.Type switch
        {
            1 => (FieldTarget.Bytes, 0),
            85 => (FieldTarget.Bytes, 1),
            23 => (FieldTarget.Bytes, 2),
            2 => (FieldTarget.Packets, 0),
            86 => (FieldTarget.Packets, 1),
            24 => (FieldTarget.Packets, 2),
            4 => (FieldTarget.Protocol, 0),
            6 => (FieldTarget.TcpFlags, 0),
            7 => (FieldTarget.SourcePort, 0),
            11 => (FieldTarget.DestinationPort, 0),
            8 => (FieldTarget.SourceV4, 0),
            12 => (FieldTarget.DestinationV4, 0),
            27 => (FieldTarget.SourceV6, 0),
            28 => (FieldTarget.DestinationV6, 0),
            10 => (FieldTarget.InputInterface, 0),
            14 => (FieldTarget.OutputInterface, 0),
            61 => (FieldTarget.Direction, 0),
            152 => (FieldTarget.StartMilliseconds, 0),
            153 => (FieldTarget.EndMilliseconds, 0),
            154 or 156 => (FieldTarget.StartNtp, 1),
            155 or 157 => (FieldTarget.EndNtp, 1),
            150 => (FieldTarget.StartSeconds, 2),
            151 => (FieldTarget.EndSeconds, 2),
            22 => (FieldTarget.StartUptimeMs, 3),
            21 => (FieldTarget.EndUptimeMs, 3),
            // sampling in a data template applies to its own records; in an options template to the exporter/domain
            34 or 50 or 305 => (FieldTarget.SamplingInterval, 0),
            48 or 302 => (FieldTarget.SamplerId, 0),
            160 when isOptions => (FieldTarget.SystemInitMilliseconds, 0),
            _ => (FieldTarget.Skip, 0),
        };
        bool fits = target switch
        {
            FieldTarget.SourceV4 or FieldTarget.DestinationV4 => s.Length == 4,
            FieldTarget.SourceV6 or FieldTarget.DestinationV6 => s.Length == 16,
            FieldTarget.StartNtp or FieldTarget.EndNtp => s.Length == 8,
            // counters and integers may use reduced-size encoding (RFC 7011 §6.2): any length up to 8
            _ => s.Length <= 8,
        };
        return fits ? (target, rank) : (FieldTarget.Skip, 0);
    }
}
