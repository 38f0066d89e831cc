namespace NetOps.Collector.Snmp;

/// <summary>USM authentication: HMAC-SHA-96 (RFC 3414) or usmHMAC192SHA256AuthProtocol (RFC 7860).</summary>
public enum UsmAuthProtocol
{
    None,
    Sha1,
    Sha256,
}

/// <summary>USM privacy: none or AES-128 in CFB-128 (RFC 3826).</summary>
public enum UsmPrivProtocol
{
    None,
    Aes128,
}
