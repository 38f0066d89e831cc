namespace NetOps.Collector.Capture;

/// <summary>What <c>./netops replay</c> asked for. Site and sensor default to <c>Collector:Capture:Site</c>/<c>:Sensor</c>.</summary>
public sealed record ReplayRequest(string File, ReplayPace Pace = ReplayPace.Max);
