namespace NetOps.Collector.Normalization;

/// <summary>What a normalised line becomes.</summary>
public enum NormalizedType : byte
{
    /// <summary>An <c>event</c> point.</summary>
    Event,
    /// <summary>A firewall traffic log: counted into <c>firewall</c> per site, device and action.</summary>
    Firewall,
}
