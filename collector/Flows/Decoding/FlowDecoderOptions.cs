using System.ComponentModel.DataAnnotations;

namespace NetOps.Collector.Flows.Decoding;

/// <summary>
/// Limits and timers of a <see cref="FlowDecoder"/>. The defaults are safe for an LGWAN collector (a few thousand
/// exporters); the caps keep a hostile or broken exporter from exhausting memory.
/// </summary>
public sealed class FlowDecoderOptions
{
    /// <summary>A template not re-sent for this long is forgotten (RFC 7011 §8.4 / RFC 3954 §9). Every resend refreshes it.</summary>
    public TimeSpan TemplateTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a data set waits for its template before it is dropped and counted (<c>no_template</c>).</summary>
    public TimeSpan HoldTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Templates (data and options) kept per exporter address, over all its observation domains.</summary>
    [Range(1, 65_536)] public int MaxTemplatesPerExporter { get; set; } = 1024;

    /// <summary>Templates kept in total.</summary>
    [Range(1, 10_000_000)] public int MaxTemplates { get; set; } = 65_536;

    /// <summary>Exporter/observation-domain pairs tracked (sequence, templates, hold).</summary>
    [Range(1, 10_000_000)] public int MaxExporters { get; set; } = 16_384;

    /// <summary>
    /// Exporter/domain pairs kept for senders the inventory does not know, apart from <see cref="MaxExporters"/>: a
    /// spoofed flood fills only this budget, never the known exporters' table.
    /// </summary>
    [Range(1, 10_000_000)] public int MaxUnknownExporters { get; set; } = 256;

    /// <summary>Data sets held per exporter/domain while their template is unknown.</summary>
    [Range(0, 100_000)] public int MaxHeldSetsPerExporter { get; set; } = 64;

    /// <summary>Bytes held per exporter/domain.</summary>
    [Range(0, 1 << 30)] public int MaxHeldBytesPerExporter { get; set; } = 256 * 1024;

    /// <summary>Bytes held in total.</summary>
    [Range(0, 1 << 30)] public int MaxHeldBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Multiply packets and bytes by the exporter's sampling interval (v5 header; v9/IPFIX options data
    /// SAMPLING_INTERVAL 34, samplerRandomInterval 50, samplingPacketInterval 305), so stored totals estimate the
    /// real traffic. nfdump does the same. When false, the exported counts are stored as they are.
    /// </summary>
    public bool ApplySampling { get; set; } = true;

    /// <summary>Records buffered before the sink is called (the sink is also called at the end of each datagram).</summary>
    [Range(1, 65_536)] public int BatchSize { get; set; } = 1024;

    /// <summary>A sequence number this many units behind the expected one is a late datagram, not a restart.</summary>
    [Range(0, int.MaxValue)] public int SequenceReorderWindow { get; set; } = 1000;

    /// <summary>A forward jump above this many units is taken for an exporter restart, not a loss.</summary>
    [Range(1, int.MaxValue)] public int SequenceMaxGap { get; set; } = 1_000_000;

    /// <summary>Losses are logged at most once per exporter/domain per this interval (with the sum since the last line).</summary>
    public TimeSpan LossLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the bad property.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
            throw new ArgumentOutOfRangeException(results[0].MemberNames.FirstOrDefault(), results[0].ErrorMessage);
        if (TemplateTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(TemplateTimeout), "must be positive");
        if (HoldTimeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HoldTimeout), "must not be negative");
        if (LossLogInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LossLogInterval), "must not be negative");
    }
}
