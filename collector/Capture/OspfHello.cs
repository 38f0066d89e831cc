namespace NetOps.Collector.Capture;

/// <summary>The fields of an OSPFv2 (RFC 2328) or OSPFv3 (RFC 5340) hello that adjacency tracking needs.</summary>
public readonly record struct OspfHello(byte Version, uint RouterId, uint AreaId, int HelloIntervalSeconds, int DeadIntervalSeconds, uint DesignatedRouter, int NeighbourCount);
