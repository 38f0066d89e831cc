namespace NetOps.Collector.Syslog;

/// <summary>The <c>outcome</c> label of <c>netops_syslog_messages_total</c>.</summary>
public enum SyslogOutcome : byte { Received, Parsed, Unknown, Malformed, Dropped }
