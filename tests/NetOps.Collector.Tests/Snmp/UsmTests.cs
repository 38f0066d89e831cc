using System.Text;
using NetOps.Collector.Snmp;

namespace NetOps.Collector.Tests.Snmp;

public sealed class UsmTests
{
    private static readonly byte[] RfcEngineId = Convert.FromHexString("000000000000000000000002");

    [Fact]
    public void Maplesyrup_gives_the_password_key_and_the_localized_key_of_RFC_3414_A_3_2()
    {
        var ku = Usm.PasswordToKey(UsmAuthProtocol.Sha1, "maplesyrup"u8);
        Assert.Equal("9fb5cc0381497b3793528939ff788d5d79145211", Convert.ToHexStringLower(ku));
        Assert.Equal("6695febc9288e36282235fc7151f128497b38f3f", Convert.ToHexStringLower(Usm.Localize(UsmAuthProtocol.Sha1, ku, RfcEngineId)));
    }

    [Fact]
    public void Maplesyrup_with_sha256_gives_32_octet_keys_of_the_RFC_3414_procedure_and_a_24_octet_mac()
    {
        // RFC 7860 gives no vectors; these are RFC 3414 A.2's procedure with SHA-256, computed apart from this code
        // (Python's hashlib), and snmpd's SHA-256 user in the integration tests agrees with the keys in use.
        var ku = Usm.PasswordToKey(UsmAuthProtocol.Sha256, "maplesyrup"u8);
        Assert.Equal("ab51014d1e077f6017df2b12bee5f5aa72993177e9bb569c4dff5a4ca0b4afac", Convert.ToHexStringLower(ku));
        Assert.Equal("8982e0e549e866db361a6b625d84cccc11162d453ee8ce3a6445c2d6776f0f8b",
            Convert.ToHexStringLower(Usm.Localize(UsmAuthProtocol.Sha256, ku, RfcEngineId)));
        Assert.Equal(24, Usm.MacLength(UsmAuthProtocol.Sha256));
        Assert.Equal(12, Usm.MacLength(UsmAuthProtocol.Sha1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void Aes_cfb_decrypts_what_it_encrypted_at_any_length_and_keeps_the_length(int length)
    {
        var key = Usm.Localize(UsmAuthProtocol.Sha1, Usm.PasswordToKey(UsmAuthProtocol.Sha1, "privpassword"u8), RfcEngineId);
        var plain = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var salt = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var cipher = Usm.Encrypt(key, 3, 12_345, salt, plain);
        Assert.Equal(length, cipher.Length);
        if (length > 0) Assert.NotEqual(plain, cipher);
        Assert.True(Usm.TryDecrypt(key, 3, 12_345, salt, cipher, out var back));
        Assert.Equal(plain, back);
        // the IV is boots ‖ time ‖ salt: another engine time does not decrypt it
        Assert.True(Usm.TryDecrypt(key, 3, 12_346, salt, cipher, out var wrong));
        if (length > 0) Assert.NotEqual(plain, wrong);
    }

    [Fact]
    public void A_salt_that_is_not_8_octets_is_a_decryption_error_not_a_throw()
        => Assert.False(Usm.TryDecrypt(new byte[16], 0, 0, new byte[3], new byte[16], out _));

    internal static UsmUser User(UsmAuthProtocol auth = UsmAuthProtocol.Sha1, UsmPrivProtocol priv = UsmPrivProtocol.Aes128, string authKey = "auth-pass-1", string name = "core")
        => new(name, "netops", auth, authKey, priv, "priv-pass-1");

    internal static byte[] Sealed(UsmUser user, SnmpPduType type = SnmpPduType.GetRequest, SnmpV3Flags? flags = null)
    {
        var pdu = new SnmpPdu(type, 4711, 0, 0, [new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(99)), new VarBind(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.OctetString("rt1"))]);
        return UsmSecurity.Seal(new ScopedPdu(RfcEngineId, [], pdu), 1234, flags ?? user.Level | SnmpV3Flags.Reportable, user, user.KeysFor(RfcEngineId), RfcEngineId, 7, 600, 42);
    }

    [Theory]
    [InlineData(UsmAuthProtocol.Sha1, UsmPrivProtocol.Aes128)]
    [InlineData(UsmAuthProtocol.Sha256, UsmPrivProtocol.Aes128)]
    [InlineData(UsmAuthProtocol.Sha1, UsmPrivProtocol.None)]
    [InlineData(UsmAuthProtocol.Sha256, UsmPrivProtocol.None)]
    public void A_sealed_message_parses_and_opens_with_the_same_user_to_the_same_pdu(UsmAuthProtocol auth, UsmPrivProtocol priv)
    {
        var user = User(auth, priv);
        var bytes = Sealed(user);
        Assert.True(SnmpV3Message.TryParse(bytes, out var message, out var error), error.ToString());
        Assert.Equal(1234, message!.MessageId);
        Assert.Equal((7, 600), (message.Security.EngineBoots, message.Security.EngineTime));
        Assert.Equal("netops"u8.ToArray(), message.Security.UserName);
        Assert.Equal(Usm.MacLength(auth), message.Security.AuthenticationParameters.Length);
        Assert.Equal(priv != UsmPrivProtocol.None, message.EncryptedPdu is not null);
        Assert.Equal(UsmStatus.Ok, UsmSecurity.Open(bytes, message, user, user.KeysFor(message.Security.EngineId), out var scoped));
        Assert.Equal(4711, scoped!.Pdu.RequestId);
        Assert.Equal("rt1", scoped.Pdu.VarBinds[1].Value.AsText());
    }

    [Fact]
    public void Another_auth_key_is_a_wrong_digest_and_a_flipped_bit_too()
    {
        var bytes = Sealed(User());
        Assert.True(SnmpV3Message.TryParse(bytes, out var message, out _));
        var other = User(authKey: "auth-pass-2");
        Assert.Equal(UsmStatus.WrongDigest, UsmSecurity.Open(bytes, message!, other, other.KeysFor(RfcEngineId), out var scoped));
        Assert.Null(scoped);
        bytes[^3] ^= 1;
        Assert.True(SnmpV3Message.TryParse(bytes, out message, out _));
        Assert.Equal(UsmStatus.WrongDigest, UsmSecurity.Open(bytes, message!, User(), User().KeysFor(RfcEngineId), out _));
    }

    [Fact]
    public void An_unauthenticated_message_is_refused_for_a_user_with_keys()
    {
        var user = User();
        var bytes = Sealed(user, flags: SnmpV3Flags.Reportable);
        Assert.True(SnmpV3Message.TryParse(bytes, out var message, out _));
        Assert.Equal(UsmStatus.UnsupportedSecLevel, UsmSecurity.Open(bytes, message!, user, user.KeysFor(RfcEngineId), out _));
    }

    [Fact]
    public void Localized_keys_are_derived_once_per_engine_and_then_cached()
    {
        var user = User();
        var first = user.KeysFor(RfcEngineId);
        Assert.Same(first, user.KeysFor(RfcEngineId));
        Assert.NotSame(first, user.KeysFor(Convert.FromHexString("800000090300AABBCCDDEEFF")));
        Assert.Equal(2, user.CachedEngines);
        Assert.DoesNotContain("pass", user.ToString());
        Assert.DoesNotContain("pass", first.ToString());
    }

    [Fact]
    public void A_report_names_its_usmStats_counter()
    {
        var report = new SnmpPdu(SnmpPduType.Report, 1, 0, 0, [new VarBind(UsmSecurity.StatsOid(UsmStatus.WrongDigest), SnmpValue.Counter32(3))]);
        Assert.Equal(UsmStatus.WrongDigest, UsmSecurity.ReportStatus(report));
        Assert.Equal("1.3.6.1.6.3.15.1.1.4.0", UsmSecurity.StatsOid(UsmStatus.UnknownEngineId).ToString());
        Assert.Null(UsmSecurity.ReportStatus(report with { VarBinds = [new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(1))] }));
    }
}
