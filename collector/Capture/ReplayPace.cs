namespace NetOps.Collector.Capture;

/// <summary><c>--pace</c>: as fast as possible, or with the gaps between packets as recorded.</summary>
public enum ReplayPace { Max, Recorded }
