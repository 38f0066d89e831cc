using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// The last resort: any text becomes a <see cref="EventKind.Generic"/> event of vendor <c>generic</c>, keeping
/// the first <see cref="TextScan.MaxMessageLength"/> characters, so that nothing is lost. Always succeeds.
/// </summary>
public sealed class GenericNormalizer : IVendorNormalizer
{
    public const string VendorName = "generic";

    public string Vendor => VendorName;

    public bool TryNormalize(SyslogRecord record, out NormalizedMessage? result)
    {
        result = Normalize(record);
        return true;
    }

    /// <summary>The generic event for <paramref name="record"/>.</summary>
    public NormalizedMessage Normalize(SyslogRecord record)
    {
        ReadOnlySpan<char> text = record.Message;
        if (text.IsWhiteSpace()) text = !string.IsNullOrEmpty(record.StructuredData) ? record.StructuredData : record.MsgId;
        return new NormalizedMessage { Vendor = VendorName, Kind = EventKind.Generic, Message = TextScan.Clip(text) };
    }
}
