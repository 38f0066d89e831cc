namespace NetOps.Bench.Ingest;

/// <summary>A peer (rsyslogd, influxd, NetOps) did not come up; the message carries the tail of its log.</summary>
public sealed class PeerStartException(string message) : Exception(message);
