namespace NetOps.Core.Influx;

/// <summary>A snapshot of the write pipeline: the disk spool and the sender's health.</summary>
/// <param name="QueuedPoints">Points accepted and still in memory (not yet on disk).</param>
/// <param name="Files">Spool files waiting for InfluxDB.</param>
/// <param name="Bytes">Their size on disk.</param>
/// <param name="MaxBytes"><c>Influx:Spool:MaxBytes</c>.</param>
/// <param name="ConsecutiveFailures">Failed write attempts since the last success (0 when InfluxDB keeps up).</param>
/// <param name="LastError">The last write error, or null after a success.</param>
public readonly record struct SpoolState(int QueuedPoints, int Files, long Bytes, long MaxBytes, int ConsecutiveFailures, string? LastError)
{
    /// <summary>True when the spool has reached its limit and writers wait.</summary>
    public bool IsFull => Bytes >= MaxBytes;
}
