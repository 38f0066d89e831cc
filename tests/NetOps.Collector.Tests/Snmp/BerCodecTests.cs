using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

public sealed class BerCodecTests
{
    // A v2c GetRequest for sysUpTime.0 with request-id 0x1234abcd, laid out by hand from RFC 3416 (the integration test checks the codec against snmpd).
    private static readonly byte[] NetSnmpGet = Convert.FromHexString(
        "302902010104067075626c6963a01c0204" + "1234abcd" + "020100020100300e300c06082b060102010103000500");

    [Fact]
    public void A_net_snmp_get_request_is_read_field_by_field()
    {
        Assert.True(SnmpCommunityMessage.TryParse(NetSnmpGet, out var message, out var error), error.ToString());
        Assert.Equal(SnmpVersion.V2c, message!.Version);
        Assert.Equal("public"u8.ToArray(), message.Community);
        Assert.Equal(SnmpPduType.GetRequest, message.Pdu.Type);
        Assert.Equal(0x1234abcd, message.Pdu.RequestId);
        var vb = Assert.Single(message.Pdu.VarBinds);
        Assert.Equal("1.3.6.1.2.1.1.3.0", vb.Oid.ToString());
        Assert.Equal(SnmpType.Null, vb.Value.Type);
    }

    [Fact]
    public void Encoding_the_same_request_gives_the_same_bytes()
    {
        var pdu = new SnmpPdu(SnmpPduType.GetRequest, 0x1234abcd, 0, 0, [new VarBind(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.Null)]);
        var bytes = new SnmpCommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(), pdu).Encode();
        Assert.Equal(Convert.ToHexString(NetSnmpGet), Convert.ToHexString(bytes));
    }

    public static TheoryData<string, SnmpValue> Values => new()
    {
        { "i0", SnmpValue.Integer(0) },
        { "i-1", SnmpValue.Integer(-1) },
        { "i128", SnmpValue.Integer(128) },
        { "imin", SnmpValue.Integer(int.MinValue) },
        { "imax", SnmpValue.Integer(int.MaxValue) },
        { "c32max", SnmpValue.Counter32(uint.MaxValue) },
        { "g32", SnmpValue.Gauge32(1000) },
        { "ticks", SnmpValue.TimeTicks(123456) },
        { "c64max", SnmpValue.Counter64(ulong.MaxValue) },
        { "c64", SnmpValue.Counter64(0x1_0000_0000) },
        { "text", SnmpValue.OctetString("Gi0/0 下関") },
        { "empty", SnmpValue.OctetString([]) },
        { "oid", SnmpValue.ObjectId(Oid.Parse("1.3.6.1.6.3.1.1.5.3")) },
        { "bigarc", SnmpValue.ObjectId(Oid.Parse("2.999.4294967295")) },
        { "ip", SnmpValue.Ip(System.Net.IPAddress.Loopback) },
        { "end", new SnmpValue(SnmpType.EndOfMibView, 0, null, null) },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_value_type_round_trips(string name, SnmpValue value)
    {
        var writer = new BerWriter();
        writer.WriteValue(value);
        var reader = new BerReader(writer.Written);
        Assert.True(reader.TryReadValue(out var back), name);
        Assert.True(reader.End);
        Assert.Equal(value.Type, back.Type);
        Assert.Equal(value.Number, back.Number);
        Assert.Equal(value.Bytes ?? [], back.Bytes ?? []);
        Assert.Equal(value.OidValue, back.OidValue);
    }

    [Fact]
    public void Counter32_with_its_sign_byte_and_a_long_length_form_is_read()
    {
        // 0x41 len 5: 00 FF FF FF FF (the zero keeps the sign bit clear); a long-form length 0x81 0x05 too.
        var reader = new BerReader(Convert.FromHexString("410500FFFFFFFF" + "41810500FFFFFFFE"));
        Assert.True(reader.TryReadValue(out var a));
        Assert.True(reader.TryReadValue(out var b));
        Assert.Equal(uint.MaxValue, a.Number);
        Assert.Equal(uint.MaxValue - 1, b.Number);
    }

    [Theory]
    [InlineData("30")]                       // no length
    [InlineData("3005020101")]               // length beyond the data
    [InlineData("3080020101")]               // indefinite length
    [InlineData("3085000000000102")]         // five length octets
    [InlineData("4106010000000000")]         // Counter32 of 6 significant octets
    [InlineData("0603")]                     // OID cut
    [InlineData("06022b86")]                 // OID sub-identifier cut
    [InlineData("06068fffffffff7f")]         // sub-identifier over 32 bits
    [InlineData("1f0100")]                   // multi-byte tag
    [InlineData("0500ff")]                   // ok Null, then a lone byte
    [InlineData("050101")]                   // Null with content
    [InlineData("4003010203")]               // IpAddress of 3 octets
    public void Malformed_values_are_refused(string hex)
    {
        var reader = new BerReader(Convert.FromHexString(hex));
        bool first = reader.TryReadValue(out _);
        Assert.False(first && reader.TryReadValue(out _) && reader.End && hex != "0500ff");
        if (hex == "0500ff") Assert.False(reader.TryReadValue(out _));
    }

    [Fact]
    public void A_message_with_trailing_bytes_or_another_version_is_refused_with_its_reason()
    {
        var data = NetSnmpGet.Concat(new byte[] { 0 }).ToArray();
        Assert.False(SnmpCommunityMessage.TryParse(data, out _, out var error));
        Assert.Equal(SnmpParseError.TrailingBytes, error);
        var v1 = (byte[])NetSnmpGet.Clone();
        v1[4] = 0;
        Assert.False(SnmpCommunityMessage.TryParse(v1, out _, out error));
        Assert.Equal(SnmpParseError.UnsupportedVersion, error);
        Assert.Equal(0, SnmpCommunityMessage.PeekVersion(v1));
    }
}
