namespace NetOps.Bench.Ingest;

/// <summary>Both peers at one target rate; a peer that was skipped or failed has a null run and a note.</summary>
public sealed record RateResult(int TargetRate, PeerRun? Rsyslog, PeerRun? NetOps, string? RsyslogNote = null, string? NetOpsNote = null);
