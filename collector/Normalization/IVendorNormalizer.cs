namespace NetOps.Collector.Normalization;

/// <summary>Turns one vendor's syslog lines into events or firewall records. Never throws.</summary>
public interface IVendorNormalizer
{
    /// <summary>Vendor name, matching <c>Device.Vendor</c> in the inventory.</summary>
    string Vendor { get; }

    /// <summary>Normalises the record if this vendor recognises it; false otherwise.</summary>
    bool TryNormalize(SyslogRecord record, out NormalizedMessage? result);
}
