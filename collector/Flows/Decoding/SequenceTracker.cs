namespace NetOps.Collector.Flows.Decoding;

/// <summary>
/// Follows one exporter/domain's sequence numbers. The unit is whatever the format counts (v5 flows, v9 export
/// packets, IPFIX data records); <c>advance</c> is how many units the current datagram carries. Arithmetic is
/// modulo 2^32, so wrap-around is an ordinary step. A mutable struct: keep it in a field and call it in place.
/// </summary>
internal struct SequenceTracker
{
    private uint _expected;
    private bool _known;

    public readonly bool IsKnown => _known;

    public SequenceVerdict Observe(uint sequence, uint advance, int reorderWindow, int maxGap, out long lost)
    {
        lost = 0;
        if (!_known)
        {
            _expected = sequence + advance;
            _known = true;
            return SequenceVerdict.First;
        }
        int diff = (int)(sequence - _expected);
        if (diff == 0)
        {
            _expected = sequence + advance;
            return SequenceVerdict.InOrder;
        }
        if (diff > 0 && diff <= maxGap)
        {
            lost = diff;
            _expected = sequence + advance;
            return SequenceVerdict.Gap;
        }
        if (diff < 0 && diff >= -reorderWindow)
            // a late datagram: the gap it left was already counted; keep expecting the newer number
            return SequenceVerdict.Reordered;
        _expected = sequence + advance;
        return SequenceVerdict.Reset;
    }

    /// <summary>The next expected number is unknown (e.g. an IPFIX datagram whose held sets have no record count yet).</summary>
    public void Forget() => _known = false;
}
