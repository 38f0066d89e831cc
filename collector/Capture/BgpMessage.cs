namespace NetOps.Collector.Capture;

/// <summary>
/// One BGP message (RFC 4271) found in a TCP segment: its type and, for OPEN and NOTIFICATION, the fields session
/// tracking needs. <see cref="MyAs"/> is the 4-octet AS from the capability (RFC 6793) when the OPEN carries one.
/// </summary>
public readonly record struct BgpMessage(byte Type, byte Version, uint MyAs, int HoldTimeSeconds, uint BgpIdentifier,
    byte ErrorCode, byte ErrorSubcode, byte InnerCode, byte InnerSubcode)
{
    public const byte Open = 1, Update = 2, Notification = 3, Keepalive = 4, RouteRefresh = 5;
}
