namespace NetOps.Core.Hosting;

/// <summary>
/// A setting that cannot work, found while starting (a port already taken, an interface that does not exist, a
/// certificate without its key). The message starts with the configuration key; the host reports it as one line
/// and exits, where any other exception at start is a bug and is reported with its stack trace.
/// </summary>
public sealed class NetOpsConfigurationException : InvalidOperationException
{
    public NetOpsConfigurationException(string key, string message) : base(message) => Key = key;

    public NetOpsConfigurationException(string key, string message, Exception inner) : base(message, inner) => Key = key;

    /// <summary>The configuration key at fault, e.g. <c>Collector:Syslog:Port</c>.</summary>
    public string Key { get; }
}
