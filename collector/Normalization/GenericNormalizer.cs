using NetOps.Core.Events;

namespace NetOps.Collector.Normalization;

/// <summary>
/// The last resort: any text becomes a <see cref="EventKind.Generic"/> event of vendor <c>generic</c>, its message
/// kept as it came (whitespace and tabs included; the event's <c>message</c> field is then bounded at
/// <see cref="EventPoint.MaxFieldChars"/> characters and its control characters other than tab made spaces), so that
/// nothing is lost. Always succeeds.
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
        // Not clipped like a vendor's summary: for a line nobody recognised, the line itself is the only record.
        return new NormalizedMessage { Vendor = VendorName, Kind = EventKind.Generic, Message = text.ToString() };
    }
}
