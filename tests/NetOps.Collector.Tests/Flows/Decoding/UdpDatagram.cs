using System.Net;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>One UDP datagram from a capture.</summary>
public sealed record UdpDatagram(IPAddress Source, ushort SourcePort, ushort DestinationPort, long TimestampNs, byte[] Payload);
