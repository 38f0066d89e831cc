namespace NetOps.Core.Influx;

/// <summary>
/// A point that InfluxDB line protocol cannot carry (NaN, a newline in a tag, an empty tag value, no fields, …).
/// The message names the point's measurement and the offending key.
/// </summary>
public sealed class LineProtocolException : ArgumentException
{
    public LineProtocolException(string message) : base(message) { }

    public LineProtocolException(string message, Exception innerException) : base(message, innerException) { }

    public LineProtocolException() { }
}
