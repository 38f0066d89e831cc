namespace NetOps.Collector.Snmp;

/// <summary>How one device poll ended (<c>netops_snmp_polls_total{outcome}</c>).</summary>
public enum SnmpPollOutcome
{
    /// <summary>The walk completed and its points were written.</summary>
    Ok,
    /// <summary>No answer within the timeout, after every retry.</summary>
    Timeout,
    /// <summary>The agent answered with an error-status (tooBig, genErr, …).</summary>
    Error,
    /// <summary>The device names a credential that configuration does not have.</summary>
    NoCredential,
    /// <summary>v3: the agent refused the credential (wrong key, unknown user, security level), or answers only discovery.</summary>
    AuthFailed,
    /// <summary>The poll met an unexpected exception (logged, counted; the poller carries on).</summary>
    Failed,
}
