using System.Globalization;
using System.Net;
using System.Text;

namespace NetOps.Collector.Snmp;

/// <summary>The BER tag of a varbind value (RFC 3416 §3, SMIv2 application types and the v2 exceptions).</summary>
public enum SnmpType : byte
{
    Integer = 0x02,
    OctetString = 0x04,
    Null = 0x05,
    ObjectIdentifier = 0x06,
    IpAddress = 0x40,
    Counter32 = 0x41,
    Gauge32 = 0x42,
    TimeTicks = 0x43,
    Opaque = 0x44,
    Counter64 = 0x46,
    NoSuchObject = 0x80,
    NoSuchInstance = 0x81,
    EndOfMibView = 0x82,
}

/// <summary>
/// One varbind value. Numbers are held in <see cref="Number"/> (signed for Integer, unsigned otherwise),
/// bytes in <see cref="Bytes"/>, an OID in <see cref="OidValue"/>.
/// </summary>
public readonly record struct SnmpValue(SnmpType Type, ulong Number, byte[]? Bytes, Oid? OidValue)
{
    public static SnmpValue Null => new(SnmpType.Null, 0, null, null);
    public static SnmpValue Integer(int value) => new(SnmpType.Integer, unchecked((ulong)(long)value), null, null);
    public static SnmpValue Counter32(uint value) => new(SnmpType.Counter32, value, null, null);
    public static SnmpValue Gauge32(uint value) => new(SnmpType.Gauge32, value, null, null);
    public static SnmpValue TimeTicks(uint value) => new(SnmpType.TimeTicks, value, null, null);
    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, value, null, null);
    public static SnmpValue OctetString(byte[] value) => new(SnmpType.OctetString, 0, value, null);
    public static SnmpValue OctetString(string value) => OctetString(Encoding.UTF8.GetBytes(value));
    public static SnmpValue ObjectId(Oid value) => new(SnmpType.ObjectIdentifier, 0, null, value);
    public static SnmpValue Ip(IPAddress value) => new(SnmpType.IpAddress, 0, value.MapToIPv4().GetAddressBytes(), null);

    /// <summary>The agent has no such object, instance, or the walk ran off the end (v2 exceptions).</summary>
    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    public long AsInt64 => Type == SnmpType.Integer ? unchecked((long)Number) : (long)Math.Min(Number, long.MaxValue);

    /// <summary>An octet string as text: UTF-8 when it decodes, else hex.</summary>
    public string AsText()
    {
        switch (Type)
        {
            case SnmpType.OctetString or SnmpType.Opaque:
                var bytes = Bytes ?? [];
                try { return new UTF8Encoding(false, true).GetString(bytes).TrimEnd('\0'); }
                catch (DecoderFallbackException) { return Convert.ToHexString(bytes); }
            case SnmpType.ObjectIdentifier: return OidValue?.ToString() ?? "";
            case SnmpType.IpAddress: return Bytes is { Length: 4 } b ? new IPAddress(b).ToString() : Convert.ToHexString(Bytes ?? []);
            case SnmpType.Integer: return AsInt64.ToString(CultureInfo.InvariantCulture);
            case SnmpType.Null: return "";
            case SnmpType.NoSuchObject: return "noSuchObject";
            case SnmpType.NoSuchInstance: return "noSuchInstance";
            case SnmpType.EndOfMibView: return "endOfMibView";
            default: return Number.ToString(CultureInfo.InvariantCulture);
        }
    }

    public override string ToString() => $"{Type}: {AsText()}";
}

/// <summary>One variable binding: a name and its value.</summary>
public readonly record struct VarBind(Oid Oid, SnmpValue Value);
