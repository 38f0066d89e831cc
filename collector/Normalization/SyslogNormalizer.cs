namespace NetOps.Collector.Normalization;

/// <summary>
/// Runs the vendor normalisers over a record: the one named by <see cref="SyslogRecord.VendorHint"/> first, then
/// the others in order of how cheaply and how surely they reject foreign lines (Cisco <c>%FAC-n-MNEMONIC</c>,
/// FortiGate <c>logid=</c>/<c>type=</c>, PAN-OS <c>d,yyyy/</c> CSV, Junos tags, Yamaha forms), then the generic
/// normaliser. Always returns a message and never throws.
/// </summary>
public sealed class SyslogNormalizer
{
    private readonly IVendorNormalizer[] _vendors;
    private readonly GenericNormalizer _generic = new();

    /// <summary>All built-in vendor normalisers.</summary>
    public SyslogNormalizer()
        : this([new CiscoIosNormalizer(), new FortiGateNormalizer(), new PaloAltoNormalizer(), new JuniperNormalizer(), new YamahaRtxNormalizer()])
    {
    }

    /// <summary>The given vendor normalisers, tried in this order after the hinted one.</summary>
    public SyslogNormalizer(IEnumerable<IVendorNormalizer> vendors)
    {
        ArgumentNullException.ThrowIfNull(vendors);
        _vendors = [.. vendors];
    }

    public NormalizationResult Normalize(SyslogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string? faulted = null;
        IVendorNormalizer? hinted = null;
        if (!string.IsNullOrEmpty(record.VendorHint))
        {
            foreach (var v in _vendors)
            {
                if (!string.Equals(v.Vendor, record.VendorHint, StringComparison.OrdinalIgnoreCase)) continue;
                hinted = v;
                if (TryVendor(v, record, ref faulted) is { } hit) return new NormalizationResult(hit, true);
                break;
            }
        }
        foreach (var v in _vendors)
        {
            if (ReferenceEquals(v, hinted)) continue;
            if (TryVendor(v, record, ref faulted) is { } hit) return new NormalizationResult(hit, true, faulted is not null, faulted);
        }
        NormalizedMessage generic;
        try
        {
            generic = _generic.Normalize(record);
        }
        catch (Exception)
        {
            // Only a pathological record (e.g. a null Message from a caller that ignored nullability) gets here.
            generic = new NormalizedMessage { Vendor = GenericNormalizer.VendorName };
            faulted ??= GenericNormalizer.VendorName;
        }
        return new NormalizationResult(generic, false, faulted is not null, faulted);
    }

    private static NormalizedMessage? TryVendor(IVendorNormalizer vendor, SyslogRecord record, ref string? faulted)
    {
        try
        {
            return vendor.TryNormalize(record, out var result) ? result : null;
        }
        catch (Exception)
        {
            // A last safety net: a normaliser bug must cost one line's detail, never the pipeline.
            faulted ??= vendor.Vendor;
            return null;
        }
    }
}
