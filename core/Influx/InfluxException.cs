using System.Net;

namespace NetOps.Core.Influx;

/// <summary>An InfluxDB request that failed; <see cref="IsRetryable"/> says whether trying again later can help.</summary>
public sealed class InfluxException : Exception
{
    public InfluxException(string message, bool isRetryable, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsRetryable = isRetryable;
        StatusCode = statusCode;
    }

    public InfluxException() : this("InfluxDB request failed", true) { }

    public InfluxException(string message) : this(message, true) { }

    public InfluxException(string message, Exception innerException) : this(message, true, null, innerException) { }

    /// <summary>True for an unreachable or failing server; false when InfluxDB refused the request itself.</summary>
    public bool IsRetryable { get; }

    /// <summary>The HTTP status, or null when no response came.</summary>
    public HttpStatusCode? StatusCode { get; }
}
