namespace NetOps.Collector.Capture;

/// <summary>The fields of a VRRP v2 (RFC 3768) or v3 (RFC 9568) advertisement that failover tracking needs.</summary>
public readonly record struct VrrpAdvert(byte Version, byte VirtualRouterId, byte Priority, byte AddressCount, int IntervalCentiseconds);
