using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NetOps.Collector.Snmp;

/// <summary>
/// The User-based Security Model's cryptography as pure functions: password to key (RFC 3414 §A.2), key localization
/// with the authoritative engine ID, the truncated HMAC of a whole message, and AES-128 CFB privacy (RFC 3826).
/// </summary>
public static class Usm
{
    /// <summary>RFC 3414 §A.2: the password repeated to fill one megabyte is hashed.</summary>
    private const int ExpansionBytes = 1_048_576;

    /// <summary>Shortest password RFC 3414 §11.2 allows (net-snmp refuses shorter too).</summary>
    public const int MinimumPasswordLength = 8;

    /// <summary>The truncated MAC's length on the wire: 12 octets for HMAC-SHA-96, 24 for HMAC-192-SHA-256.</summary>
    public static int MacLength(UsmAuthProtocol protocol) => protocol switch
    {
        UsmAuthProtocol.Sha1 => 12,
        UsmAuthProtocol.Sha256 => 24,
        _ => 0,
    };

    /// <summary>RFC 3826: the AES salt (msgPrivacyParameters) is 8 octets.</summary>
    public const int SaltLength = 8;

    private static HashAlgorithmName Hash(UsmAuthProtocol protocol) => protocol switch
    {
        UsmAuthProtocol.Sha1 => HashAlgorithmName.SHA1,
        UsmAuthProtocol.Sha256 => HashAlgorithmName.SHA256,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no hash without authentication"),
    };

    /// <summary>Ku: the hash of the password repeated to 1 MB. Costs milliseconds, so done once per credential.</summary>
    public static byte[] PasswordToKey(UsmAuthProtocol protocol, ReadOnlySpan<byte> password)
    {
        if (password.IsEmpty) throw new ArgumentException("an empty password has no key", nameof(password));
        using var hash = IncrementalHash.CreateHash(Hash(protocol));
        Span<byte> block = stackalloc byte[64];
        int index = 0;
        for (int done = 0; done < ExpansionBytes; done += block.Length)
        {
            for (int i = 0; i < block.Length; i++) block[i] = password[index++ % password.Length];
            index %= password.Length;
            hash.AppendData(block);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Kul = H(Ku ‖ engineID ‖ Ku), the key for one authoritative engine.</summary>
    public static byte[] Localize(UsmAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> engineId)
    {
        using var hash = IncrementalHash.CreateHash(Hash(protocol));
        hash.AppendData(key);
        hash.AppendData(engineId);
        hash.AppendData(key);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Writes the MAC of <paramref name="message"/> into its msgAuthenticationParameters at <paramref name="macOffset"/>
    /// (which must hold zeros while the MAC is computed, RFC 3414 §6.3.1).
    /// </summary>
    public static void Sign(UsmAuthProtocol protocol, ReadOnlySpan<byte> localizedKey, Span<byte> message, int macOffset)
    {
        int length = MacLength(protocol);
        var mac = message.Slice(macOffset, length);
        mac.Clear();
        Span<byte> full = stackalloc byte[64];
        int written = Hmac(protocol, localizedKey, message, full);
        full[..Math.Min(length, written)].CopyTo(mac);
    }

    /// <summary>
    /// True when the msgAuthenticationParameters at <paramref name="macOffset"/> of the received bytes are their MAC.
    /// The bytes are copied (the MAC field zeroed in the copy) and compared in constant time; never throws.
    /// </summary>
    public static bool Verify(UsmAuthProtocol protocol, ReadOnlySpan<byte> localizedKey, ReadOnlySpan<byte> message, int macOffset, int macLength)
    {
        int length = MacLength(protocol);
        if (length == 0 || macLength != length || macOffset < 0 || macOffset > message.Length - length) return false;
        var copy = message.ToArray();
        copy.AsSpan(macOffset, length).Clear();
        Span<byte> full = stackalloc byte[64];
        int written = Hmac(protocol, localizedKey, copy, full);
        return written >= length && CryptographicOperations.FixedTimeEquals(full[..length], message.Slice(macOffset, length));
    }

    private static int Hmac(UsmAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> into) => protocol switch
    {
        UsmAuthProtocol.Sha1 => HMACSHA1.HashData(key, data, into),
        UsmAuthProtocol.Sha256 => HMACSHA256.HashData(key, data, into),
        _ => 0,
    };

    /// <summary>The 128-bit AES key: the first 16 octets of the localized privacy key (RFC 3826 §3.1.2.1).</summary>
    public const int AesKeyLength = 16;

    /// <summary>RFC 3826 §3.1.2.1: the IV is engineBoots ‖ engineTime ‖ salt, each big-endian.</summary>
    private static void Iv(Span<byte> iv, int boots, int time, ReadOnlySpan<byte> salt)
    {
        BinaryPrimitives.WriteInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteInt32BigEndian(iv[4..], time);
        salt[..SaltLength].CopyTo(iv[8..]);
    }

    /// <summary>AES-128 CFB-128 of a scopedPDU's BER for the engine at (<paramref name="boots"/>, <paramref name="time"/>).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> privKey, int boots, int time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> plaintext)
        => Cfb(privKey, boots, time, salt, plaintext, encrypt: true);

    /// <summary>The inverse of <see cref="Encrypt"/>; false (never a throw) when the salt is not 8 octets.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> privKey, int boots, int time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (salt.Length != SaltLength || privKey.Length < AesKeyLength) return false;
        plaintext = Cfb(privKey, boots, time, salt, ciphertext, encrypt: false);
        return true;
    }

    private static byte[] Cfb(ReadOnlySpan<byte> privKey, int boots, int time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> input, bool encrypt)
    {
        // CFB-128 is a stream mode, but .NET wants whole blocks without padding: fill the last block with zeros and cut
        // the result back (an output byte depends only on the input bytes before and at it).
        int padded = (input.Length + 15) / 16 * 16;
        var buffer = new byte[padded];
        input.CopyTo(buffer);
        Span<byte> iv = stackalloc byte[16];
        Iv(iv, boots, time, salt);
        using var aes = Aes.Create();
        aes.Key = privKey[..AesKeyLength].ToArray();
        var output = encrypt
            ? aes.EncryptCfb(buffer, iv, PaddingMode.None, 128)
            : aes.DecryptCfb(buffer, iv, PaddingMode.None, 128);
        return output.AsSpan(0, input.Length).ToArray();
    }
}
