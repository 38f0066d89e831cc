namespace NetOps.Core.Detections;

/// <summary>
/// What a detector found, for one site: the <c>detection</c> point of DESIGN.md plus the evidence it rests on.
/// <see cref="Id"/> identifies the finding itself (detector, site, kind and the time it starts), so the same finding
/// written twice (a restart, a re-run, two nodes) is recognised as one.
/// </summary>
public sealed record Detection
{
    /// <summary>When the condition started (the first evidence), UTC.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The site's 6-digit code.</summary>
    public required string Site { get; init; }

    /// <summary>The detector's name (the <c>detector</c> tag), e.g. <c>failover</c>, <c>port_scan</c>.</summary>
    public required string Detector { get; init; }

    public required DetectionKind Kind { get; init; }

    /// <summary>How sure or how strong, 0..1 for anomalies; a ratio to the baseline for surges.</summary>
    public double Score { get; init; }

    /// <summary>The observed figure (e.g. SYNs in the window), when there is one.</summary>
    public double? Value { get; init; }

    /// <summary>What the baseline or the floor expected, when there is one.</summary>
    public double? Expected { get; init; }

    /// <summary>One line for people (English; the screen and mail localise the kind).</summary>
    public required string Message { get; init; }

    /// <summary>primary, backup or none: the line concerned, when there is one.</summary>
    public string? Line { get; init; }

    /// <summary>The facts it rests on, oldest first.</summary>
    public IReadOnlyList<DetectionEvidence> Evidence { get; init; } = [];

    /// <summary>
    /// Phase durations in seconds, by name: <c>takeover</c> (failover start → backup carrying), <c>onBackup</c>
    /// (backup carrying → switchback), <c>switchback</c> (primary recovery evidence → primary carrying).
    /// </summary>
    public IReadOnlyDictionary<string, double> Durations { get; init; } = new Dictionary<string, double>();

    /// <summary>Written by <c>./netops analyze</c> over a past range rather than by the scheduled run.</summary>
    public bool Rerun { get; init; }

    /// <summary>When it was stored (set when read back from the store).</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>The identity of the finding: detector, site, kind and start time (ms).</summary>
    public string Id => MakeId(Detector, Site, Kind, Time);

    /// <summary>The identity of a finding; stable across processes and runs.</summary>
    public static string MakeId(string detector, string site, DetectionKind kind, DateTimeOffset time) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{detector}/{site}/{kind.ToTag()}/{time.ToUnixTimeMilliseconds()}");
}
