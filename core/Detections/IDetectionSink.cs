namespace NetOps.Core.Detections;

/// <summary>
/// Where detectors hand their findings: the sink stores each finding once (a finding already stored, by
/// <see cref="Detection.Id"/>, is not stored again; new evidence is added to it), writes it to InfluxDB as a <c>detection</c> point and hands it to
/// the parts in the same process.
/// </summary>
public interface IDetectionSink
{
    /// <summary>Stores the findings not stored before; answers how many were new.</summary>
    Task<int> PublishAsync(IReadOnlyList<Detection> detections, CancellationToken cancellationToken = default);
}
