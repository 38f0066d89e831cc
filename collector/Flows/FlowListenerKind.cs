namespace NetOps.Collector.Flows;

/// <summary>Which configured port a datagram came in on (the <c>listener</c> label); both take every export version.</summary>
public enum FlowListenerKind : byte { NetFlow, Ipfix }
