namespace NetOps.Collector.Flows.Decoding;

/// <summary>The <c>outcome</c> label of <c>netops_flow_packets_total</c>. Every datagram is received, then exactly one of the others.</summary>
public enum FlowPacketOutcome : byte { Received, Decoded, Malformed, UnknownVersion, Rejected }
