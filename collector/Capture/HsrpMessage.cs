using System.Net;

namespace NetOps.Collector.Capture;

/// <summary>
/// The fields of an HSRP v1 (RFC 2281) or v2 group message that failover tracking needs. The authentication data is
/// deliberately not kept: v1 carries a clear-text password ("cisco" by default) that must not reach a log or a point.
/// </summary>
/// <param name="Version">1 or 2 (v1 sends 0 on the wire; the dissectors of tcpdump call it HSRPv0).</param>
/// <param name="Group">0–255 in v1, 0–4095 in v2.</param>
/// <param name="Priority">0–255 (v2 carries 32 bits; larger values are refused).</param>
/// <param name="HelloMs">Hello time in milliseconds (v1 sends seconds).</param>
/// <param name="HoldMs">Hold time in milliseconds: how long the others wait before they take the Active's silence for its death.</param>
/// <param name="VirtualAddress">The group's virtual address, or null when the message has none (a router that has not learnt it yet sends 0).</param>
public readonly record struct HsrpMessage(
    byte Version, HsrpOpCode OpCode, HsrpState State, ushort Group, byte Priority, int HelloMs, int HoldMs, IPAddress? VirtualAddress);
