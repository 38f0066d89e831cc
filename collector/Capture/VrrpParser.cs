namespace NetOps.Collector.Capture;

/// <summary>Parses VRRP advertisements (IP protocol 112) on spans; never throws.</summary>
public static class VrrpParser
{
    public const int HeaderLength = 8;

    /// <param name="addressLength">4 for VRRP over IPv4, 16 over IPv6 (VRRPv3 only).</param>
    public static bool TryParse(ReadOnlySpan<byte> data, int addressLength, out VrrpAdvert advert)
    {
        advert = default;
        if (data.Length < HeaderLength) return false;
        int version = data[0] >> 4, type = data[0] & 0x0F;
        if (type != 1) return false; // only advertisements exist; anything else is not VRRP
        byte count = data[3];
        int interval;
        if (version == 2)
        {
            if (addressLength != 4) return false;
            interval = data[5] * 100;
        }
        else if (version == 3)
        {
            interval = ((data[4] & 0x0F) << 8 | data[5]);
        }
        else return false;
        if (data.Length < HeaderLength + count * addressLength) return false;
        if (interval == 0) return false; // an interval of 0 would make every master silent at once
        advert = new VrrpAdvert((byte)version, data[1], data[2], count, interval);
        return true;
    }
}
