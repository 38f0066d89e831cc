namespace NetOps.Collector.Snmp;

/// <summary>
/// Why USM refused a message (RFC 3414 §3.2), each with its usmStats counter OID
/// (<c>1.3.6.1.6.3.15.1.1.N.0</c>, the varbind of the Report an engine sends back).
/// </summary>
public enum UsmStatus
{
    Ok = 0,
    UnsupportedSecLevel = 1,
    NotInTimeWindow = 2,
    UnknownUserName = 3,
    UnknownEngineId = 4,
    WrongDigest = 5,
    DecryptionError = 6,
}
