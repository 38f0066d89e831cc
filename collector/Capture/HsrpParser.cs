using System.Buffers.Binary;
using System.Net;

namespace NetOps.Collector.Capture;

/// <summary>
/// Parses HSRP group messages on spans; never throws. v1 (RFC 2281) is a fixed 20-byte message to 224.0.0.2;
/// v2 (Cisco) is a list of TLVs to 224.0.0.102, of which the Group State TLV (type 1) carries what v1 does, with a
/// 12-bit group, millisecond timers and an IPv6 virtual address when it runs over IPv6 (UDP 2029, ff02::66).
/// </summary>
public static class HsrpParser
{
    /// <summary>UDP port of HSRP over IPv4 (v1 and v2).</summary>
    public const ushort Port = 1985;

    /// <summary>UDP port of HSRPv2 over IPv6.</summary>
    public const ushort Ipv6Port = 2029;

    public const int V1Length = 20;

    /// <summary>The Group State TLV's value length.</summary>
    public const int GroupStateLength = 40;

    /// <summary>TLVs read per datagram before giving up (a datagram of 1-byte TLVs cannot make us loop long).</summary>
    public const int MaxTlvs = 16;

    private const byte GroupStateTlv = 1, InterfaceStateTlv = 2, TextAuthTlv = 3, Md5AuthTlv = 4;

    /// <summary>
    /// True when the datagram goes where HSRP sends: 224.0.0.2 (v1) or 224.0.0.102 (v2) on <see cref="Port"/>, or
    /// ff02::66 on <see cref="Ipv6Port"/>. HSRP is only ever multicast; a unicast datagram to port 1985 is something else.
    /// </summary>
    public static bool IsHsrpDestination(ReadOnlySpan<byte> address, ushort port) => address.Length switch
    {
        4 => port == Port && address[0] == 224 && address[1] == 0 && address[2] == 0 && address[3] is 2 or 102,
        16 => port == Ipv6Port && address[0] == 0xFF && address[1] == 0x02 && address[15] == 0x66 && address[2..15].IndexOfAnyExcept((byte)0) < 0,
        _ => false,
    };

    /// <summary>Reads the group message of a v1 datagram, or the first Group State TLV of a v2 one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out HsrpMessage message, out HsrpParseError error)
    {
        message = default;
        if (data.IsEmpty) { error = HsrpParseError.Truncated; return false; }
        error = data[0] switch
        {
            0 => ParseV1(data, out message),
            >= GroupStateTlv and <= Md5AuthTlv => ParseV2(data, out message),
            _ => HsrpParseError.UnknownVersion,
        };
        return error == HsrpParseError.None;
    }

    private static HsrpParseError ParseV1(ReadOnlySpan<byte> data, out HsrpMessage message)
    {
        message = default;
        // Op code 3 (Advertise, 16 bytes) reports interface state, not a group's: nothing to track.
        if (data.Length >= 2 && data[1] == 3) return HsrpParseError.NoGroupState;
        if (data.Length < V1Length) return HsrpParseError.Truncated;
        if (data[1] > (byte)HsrpOpCode.Resign) return HsrpParseError.BadValue;
        HsrpState? state = data[2] switch
        {
            0 => HsrpState.Initial,
            1 => HsrpState.Learn,
            2 => HsrpState.Listen,
            4 => HsrpState.Speak,
            8 => HsrpState.Standby,
            16 => HsrpState.Active,
            _ => null,
        };
        // A hold time of 0 would make every Active router silent at once; routers accept 1–255 s.
        if (state is null || data[4] == 0) return HsrpParseError.BadValue;
        var vip = data.Slice(16, 4);
        message = new HsrpMessage(1, (HsrpOpCode)data[1], state.Value, data[6], data[5], data[3] * 1000, data[4] * 1000,
            vip.IndexOfAnyExcept((byte)0) < 0 ? null : new IPAddress(vip));
        return HsrpParseError.None;
    }

    private static HsrpParseError ParseV2(ReadOnlySpan<byte> data, out HsrpMessage message)
    {
        message = default;
        int offset = 0;
        for (int i = 0; i < MaxTlvs && offset < data.Length; i++)
        {
            if (data.Length - offset < 2) return HsrpParseError.Truncated;
            byte type = data[offset];
            int length = data[offset + 1];
            if (data.Length - offset - 2 < length) return HsrpParseError.Truncated;
            var value = data.Slice(offset + 2, length);
            offset += 2 + length;
            if (type == GroupStateTlv) return GroupState(value, out message);
            if (type is not (InterfaceStateTlv or TextAuthTlv or Md5AuthTlv)) return HsrpParseError.UnknownVersion;
        }
        return HsrpParseError.NoGroupState;
    }

    private static HsrpParseError GroupState(ReadOnlySpan<byte> v, out HsrpMessage message)
    {
        message = default;
        if (v.Length < GroupStateLength) return HsrpParseError.Truncated;
        if (v[0] != 2) return HsrpParseError.UnknownVersion;
        if (v[1] > (byte)HsrpOpCode.Resign) return HsrpParseError.BadValue;
        HsrpState? state = v[2] switch
        {
            0 or 1 => HsrpState.Initial, // Disabled, Init
            2 => HsrpState.Learn,
            3 => HsrpState.Listen,
            4 => HsrpState.Speak,
            5 => HsrpState.Standby,
            6 => HsrpState.Active,
            _ => null,
        };
        int addressLength = v[3] switch { 4 => 4, 6 => 16, _ => 0 };
        ushort group = BinaryPrimitives.ReadUInt16BigEndian(v[4..]);
        uint priority = BinaryPrimitives.ReadUInt32BigEndian(v[12..]);
        uint hello = BinaryPrimitives.ReadUInt32BigEndian(v[16..]);
        uint hold = BinaryPrimitives.ReadUInt32BigEndian(v[20..]);
        if (state is null || addressLength == 0 || group > 4095 || priority > 255 || hold == 0 || hold > int.MaxValue || hello > int.MaxValue)
            return HsrpParseError.BadValue;
        var vip = v.Slice(24, addressLength);
        message = new HsrpMessage(2, (HsrpOpCode)v[1], state.Value, group, (byte)priority, (int)hello, (int)hold,
            vip.IndexOfAnyExcept((byte)0) < 0 ? null : new IPAddress(vip));
        return HsrpParseError.None;
    }
}
