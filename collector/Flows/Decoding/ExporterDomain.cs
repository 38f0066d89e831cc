using System.Net;

namespace NetOps.Collector.Flows.Decoding;

/// <summary>Everything the decoder remembers about one exporter/domain: templates, held sets, sequence, sampling.</summary>
internal sealed class ExporterDomain(DomainKey key, IPAddress exporter)
{
    public DomainKey Key { get; } = key;
    public IPAddress Exporter { get; } = exporter;
    public Dictionary<ushort, FlowTemplate> Templates { get; } = new();
    public List<HeldSet> Held { get; } = new();
    public int HeldBytes;
    public SequenceTracker Sequence;
    public uint LastUptimeMs;
    public bool HasUptime;
    /// <summary>Samplers described per exporter/domain; options for more are ignored (real exporters have a handful).</summary>
    public const int MaxSamplers = 256;

    /// <summary>From options data (v9/IPFIX) that names no sampler; 0 or 1 means unsampled.</summary>
    public ulong SamplingInterval;
    /// <summary>Interval per sampler id, from options data that names one; null until the first.</summary>
    public Dictionary<ulong, ulong>? Samplers;
    /// <summary>IPFIX systemInitTimeMilliseconds from options data; -1 when not (yet) known.</summary>
    public long SystemInitMs = -1;
    public long LastSeenNs;
    public long PendingLost;
    public long LastLossLogNs = long.MinValue / 2;
    /// <summary>When the template cap was last logged for this domain; null before the first time.</summary>
    public long? LastCapLogNs;
    /// <summary>Not an inventory device: counted against <see cref="FlowDecoderOptions.MaxUnknownExporters"/>.</summary>
    public bool Unknown;
}
