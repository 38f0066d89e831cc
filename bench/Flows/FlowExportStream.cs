using System.Buffers.Binary;

namespace NetOps.Bench.Flows;

/// <summary>
/// A recorded-once NetFlow v9 export stream: datagrams of <see cref="RecordsPerDatagram"/> records (a router's
/// usual 1.2 KB packet), the template in every 50th datagram as routers resend it, built deterministically. The replayer
/// patches the sequence number and export time of each datagram as it sends it, so a replay looks like a live exporter.
/// </summary>
public sealed class FlowExportStream
{
    public const int RecordsPerDatagram = 30;
    private const int TemplateEvery = 50;
    private const ushort TemplateId = 260;

    private static readonly (ushort Type, ushort Length)[] Fields =
        [(8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (6, 1), (2, 4), (1, 4), (22, 4), (21, 4), (10, 2), (14, 2), (61, 1), (16, 2), (17, 2)];

    private static readonly int RecordLength = Fields.Sum(f => f.Length);

    private FlowExportStream(byte[][] datagrams) => Datagrams = datagrams;

    public IReadOnlyList<byte[]> Datagrams { get; }

    /// <summary>Builds <paramref name="count"/> datagrams (a multiple of the template interval works best).</summary>
    public static FlowExportStream Build(int count, int seed = 42)
    {
        var random = new Random(seed);
        var list = new byte[count][];
        for (int i = 0; i < count; i++) list[i] = Datagram(random, i % TemplateEvery == 0);
        return new FlowExportStream(list);
    }

    private static byte[] Datagram(Random random, bool template)
    {
        int templateLength = template ? 8 + Fields.Length * 4 : 0;
        int dataLength = 4 + RecordsPerDatagram * RecordLength;
        dataLength += (4 - dataLength % 4) % 4;
        var d = new byte[20 + templateLength + dataLength];
        BinaryPrimitives.WriteUInt16BigEndian(d, 9);
        BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(2), (ushort)(RecordsPerDatagram + (template ? 1 : 0)));
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(4), 3_600_000);  // uptime 1 h
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(16), 0);         // source id
        int p = 20;
        if (template)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p), 0);
            BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p + 2), (ushort)templateLength);
            BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p + 4), TemplateId);
            BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p + 6), (ushort)Fields.Length);
            for (int f = 0; f < Fields.Length; f++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p + 8 + f * 4), Fields[f].Type);
                BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p + 10 + f * 4), Fields[f].Length);
            }
            p += templateLength;
        }
        BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p), TemplateId);
        BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(p + 2), (ushort)dataLength);
        int r = p + 4;
        for (int i = 0; i < RecordsPerDatagram; i++, r += RecordLength)
        {
            var s = d.AsSpan(r);
            bool inbound = random.Next(2) == 0;
            // the exporter's site is 10.35.1.0/24; peers: a handful of busy servers and a long tail of others
            uint local = (10u << 24) | (35u << 16) | (1u << 8) | (uint)random.Next(1, 255);
            uint remote = random.Next(4) == 0 ? (10u << 24) | (uint)random.Next(8) : (172u << 24) | (16u << 16) | (uint)random.Next(65_536);
            byte proto = random.Next(10) switch { < 6 => 6, < 9 => 17, _ => 1 };
            uint packets = (uint)random.Next(1, 200);
            BinaryPrimitives.WriteUInt32BigEndian(s, inbound ? remote : local);
            BinaryPrimitives.WriteUInt32BigEndian(s[4..], inbound ? local : remote);
            BinaryPrimitives.WriteUInt16BigEndian(s[8..], (ushort)random.Next(1024, 65_535));
            BinaryPrimitives.WriteUInt16BigEndian(s[10..], proto == 1 ? (ushort)0 : (ushort)443);
            s[12] = proto;
            s[13] = proto == 6 ? (byte)0x1b : (byte)0;
            BinaryPrimitives.WriteUInt32BigEndian(s[14..], packets);
            BinaryPrimitives.WriteUInt32BigEndian(s[18..], packets * (uint)random.Next(40, 1500));
            BinaryPrimitives.WriteUInt32BigEndian(s[22..], 3_500_000);
            BinaryPrimitives.WriteUInt32BigEndian(s[26..], 3_590_000);
            BinaryPrimitives.WriteUInt16BigEndian(s[30..], inbound ? (ushort)1 : (ushort)2);
            BinaryPrimitives.WriteUInt16BigEndian(s[32..], inbound ? (ushort)2 : (ushort)1);
            s[34] = inbound ? (byte)0 : (byte)1;
            BinaryPrimitives.WriteUInt16BigEndian(s[35..], 64_512);
            BinaryPrimitives.WriteUInt16BigEndian(s[37..], 64_513);
        }
        return d;
    }
}
