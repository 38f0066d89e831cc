namespace NetOps.Collector.Flows.Decoding;

/// <summary>The <c>reason</c> label of <c>netops_flow_dropped_sets_total</c>.</summary>
public enum FlowSetDropReason : byte
{
    /// <summary>Held for its template, which did not arrive before the hold expired (or was withdrawn).</summary>
    NoTemplate,
    /// <summary>Its template is unknown and the hold (per exporter or in total) was full.</summary>
    HoldFull,
    /// <summary>Held, and then unreadable with the template that arrived (a record ran past the set's end).</summary>
    Malformed,
}
