namespace NetOps.Collector.Syslog;

/// <summary>How a syslog message arrived (the <c>transport</c> label).</summary>
public enum SyslogTransport : byte { Udp, Tcp, Tls }
