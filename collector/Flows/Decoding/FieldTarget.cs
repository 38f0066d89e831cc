namespace NetOps.Collector.Flows.Decoding;

/// <summary>Where a template field goes in a <see cref="FlowRecord"/> (or in exporter state, for options data).</summary>
internal enum FieldTarget : byte
{
    Skip,
    Bytes,
    Packets,
    Protocol,
    TcpFlags,
    SourcePort,
    DestinationPort,
    SourceV4,
    DestinationV4,
    SourceV6,
    DestinationV6,
    InputInterface,
    OutputInterface,
    Direction,
    /// <summary>ms of exporter uptime (v9 FIRST_SWITCHED / IPFIX flowStartSysUpTime 22).</summary>
    StartUptimeMs,
    EndUptimeMs,
    StartSeconds,
    EndSeconds,
    StartMilliseconds,
    EndMilliseconds,
    /// <summary>NTP timestamp (IPFIX dateTimeMicroseconds/Nanoseconds, 154–157).</summary>
    StartNtp,
    EndNtp,
    /// <summary>Options data only.</summary>
    SamplingInterval,
    SystemInitMilliseconds,
    /// <summary>v9 FLOW_SAMPLER_ID / IPFIX samplerId (48) or selectorId (302): in options data the sampler described, in flow data the one that selected the flow.</summary>
    SamplerId,
}
