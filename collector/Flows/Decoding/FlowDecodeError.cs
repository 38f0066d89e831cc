namespace NetOps.Collector.Flows.Decoding;

/// <summary>Why a datagram (or part of it) was not decoded. Decoders return it; they never throw.</summary>
public enum FlowDecodeError : byte
{
    None,
    /// <summary>Shorter than its header or than a length it announces.</summary>
    Truncated,
    /// <summary>Version field is not 5, 9 or 10.</summary>
    UnknownVersion,
    /// <summary>The header's length (IPFIX) or count × record size (v5) disagrees with the datagram.</summary>
    LengthMismatch,
    /// <summary>NetFlow v5 record count 0 or above 30.</summary>
    BadCount,
    /// <summary>A FlowSet/Set length below 4 or beyond the end of the datagram, or a reserved set id.</summary>
    BadSetLength,
    /// <summary>A template with a reserved id, no fields, absurd field count or a record length of 0 / above 65535.</summary>
    BadTemplate,
    /// <summary>A data record whose variable-length field runs past the end of its set.</summary>
    BadRecord,
    /// <summary>The template cap per exporter or in total was reached; the template was not stored.</summary>
    TooManyTemplates,
    /// <summary>The cap on exporter/observation-domain pairs was reached; the datagram was not decoded.</summary>
    TooManyExporters,
}
