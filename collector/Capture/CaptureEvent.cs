using System.Net;
using NetOps.Core.Events;

namespace NetOps.Collector.Capture;

/// <summary>
/// A control-plane event seen in packets, before attribution: it belongs to the inventory device owning
/// <see cref="Address"/>, else the one owning <see cref="Peer"/>, else to the sensor.
/// </summary>
public sealed record CaptureEvent(long TimestampNs, EventKind Kind, Severity Severity, IPAddress? Address, IPAddress? Peer, string Message, string Detail);
