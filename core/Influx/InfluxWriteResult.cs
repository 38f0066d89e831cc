using System.Net;

namespace NetOps.Core.Influx;

/// <summary>What became of one <c>/write</c> request.</summary>
public enum InfluxWriteOutcome
{
    /// <summary>InfluxDB stored every point (HTTP 204).</summary>
    Written,

    /// <summary>InfluxDB could not be reached or failed (5xx, timeout, refused, auth, missing database): send again later.</summary>
    Retryable,

    /// <summary>InfluxDB refused the data itself (400 bad or conflicting points, 413 too large): sending again cannot help.</summary>
    Permanent,
}

/// <summary>
/// The result of <see cref="IInfluxClient.WriteAsync"/>: the sender decides from <see cref="Outcome"/> whether a retry makes sense.
/// </summary>
/// <param name="Outcome">Written, retryable or permanent.</param>
/// <param name="StatusCode">The HTTP status, or null when no response came.</param>
/// <param name="Error">InfluxDB's error text or the transport error; null when written.</param>
/// <param name="DroppedPoints">For a 400 "partial write", how many points InfluxDB dropped (it stored the rest); otherwise null.</param>
public readonly record struct InfluxWriteResult(InfluxWriteOutcome Outcome, HttpStatusCode? StatusCode, string? Error, int? DroppedPoints = null)
{
    public bool IsWritten => Outcome == InfluxWriteOutcome.Written;
}
