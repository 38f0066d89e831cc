using NetOps.Collector.Flows;

namespace NetOps.Collector.Scans;

/// <summary>
/// One source's reach in a site's window, as a <see cref="ScanSketch"/> estimates it: distinct destination ports and
/// hosts (linear counting, saturating at <see cref="ScanSketch.MaxDistinct"/>), SYNs and probe packets.
/// <see cref="PacketsError"/> bounds how much of <see cref="Packets"/> was inherited from an evicted source.
/// </summary>
public readonly record struct ScanSource(FlowAddress Address, long Ports, long Hosts, long Syns, long Packets, long PacketsError);
