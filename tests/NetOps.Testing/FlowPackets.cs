using System.Buffers.Binary;

namespace NetOps.Testing;

/// <summary>Builds NetFlow v5/v9 and IPFIX datagrams for tests, big-endian, field by field.</summary>
public static class FlowPackets
{
    public static byte[] U8(int v) => [(byte)v];
    public static byte[] U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); return b; }
    public static byte[] U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); return b; }
    public static byte[] U64(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(b, v); return b; }
    public static byte[] Ip(string a) => System.Net.IPAddress.Parse(a).GetAddressBytes();
    public static byte[] Cat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A NetFlow v5 datagram of <paramref name="count"/> records (record i: 10.0.0.i → 192.0.2.1, TCP, i+1 packets, 100 × (i+1) bytes).</summary>
    public static byte[] V5(uint sequence, int count, uint uptimeMs = 100_000, uint secs = 1_700_000_000, int sampling = 0, byte engineType = 0, byte engineId = 0)
    {
        var parts = new List<byte[]> { U16(5), U16(count), U32(uptimeMs), U32(secs), U32(0), U32(sequence), new byte[] { engineType, engineId }, U16(sampling) };
        for (int i = 0; i < count; i++)
            parts.Add(Cat(Ip($"10.0.0.{i + 1}"), Ip("192.0.2.1"), Ip("0.0.0.0"), U16(1), U16(2), U32((uint)i + 1), U32(100u * (uint)(i + 1)),
                U32(uptimeMs - 5000), U32(uptimeMs - 1000), U16(40000 + i), U16(443), U8(0), U8(0x18), U8(6), U8(0), U16(0), U16(0), U8(24), U8(24), U16(0)));
        return Cat([.. parts]);
    }

    public static byte[] V9(uint sequence, uint sourceId, params byte[][] sets) => V9(sequence, sourceId, 100_000, 1_700_000_000, sets);

    public static byte[] V9(uint sequence, uint sourceId, uint uptimeMs, uint secs, params byte[][] sets) =>
        Cat(U16(9), U16(sets.Length), U32(uptimeMs), U32(secs), U32(sequence), U32(sourceId), Cat(sets));

    public static byte[] Ipfix(uint sequence, uint domain, params byte[][] sets) => Ipfix(sequence, domain, 1_700_000_000, sets);

    public static byte[] Ipfix(uint sequence, uint domain, uint secs, params byte[][] sets)
    {
        var body = Cat(sets);
        return Cat(U16(10), U16(16 + body.Length), U32(secs), U32(sequence), U32(domain), body);
    }

    /// <summary>A FlowSet/Set: id, length (header included), contents.</summary>
    public static byte[] Set(int id, params byte[][] contents)
    {
        var body = Cat(contents);
        return Cat(U16(id), U16(4 + body.Length), body);
    }

    /// <summary>A template record: id, field count, (type, length) pairs.</summary>
    public static byte[] Template(int id, params (int Type, int Length)[] fields) =>
        Cat(U16(id), U16(fields.Length), Cat(fields.Select(f => Cat(U16(f.Type), U16(f.Length))).ToArray()));

    /// <summary>The v9/IPFIX template used by the simple tests: src, dst (IPv4), ports, protocol, packets, bytes (4 bytes each).</summary>
    public static readonly (int, int)[] SimpleFields = [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (2, 4), (1, 4)];

    /// <summary>A record for <see cref="SimpleFields"/> (19 bytes).</summary>
    public static byte[] SimpleRecord(string src, string dst, int sport, int dport, int proto, uint packets, uint bytes) =>
        Cat(Ip(src), Ip(dst), U16(sport), U16(dport), U8(proto), U32(packets), U32(bytes));
}
