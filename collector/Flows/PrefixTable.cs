using System.Net;
using System.Net.Sockets;

namespace NetOps.Collector.Flows;

/// <summary>
/// Longest-prefix match from an address to a value (a site index), IPv4 and IPv6. One hash table per prefix length
/// in use: a lookup probes only the lengths that exist, longest first, so the usual table (every site a /24) costs
/// one probe. Immutable once built; lookups are allocation-free and safe from any thread.
/// </summary>
public sealed class PrefixTable
{
    private readonly Dictionary<uint, int>[] _v4 = new Dictionary<uint, int>[33];
    private readonly Dictionary<UInt128, int>[] _v6 = new Dictionary<UInt128, int>[129];
    private readonly int[] _v4Lengths;
    private readonly int[] _v6Lengths;

    private PrefixTable(List<(FlowAddress Network, int Length, int Value)> prefixes)
    {
        foreach (var (network, length, value) in prefixes)
        {
            if (network.IsV6) (_v6[length] ??= [])[network.Value] = value;
            else (_v4[length] ??= [])[(uint)network.Value] = value;
        }
        _v4Lengths = Enumerable.Range(0, 33).Where(l => _v4[l] is not null).OrderDescending().ToArray();
        _v6Lengths = Enumerable.Range(0, 129).Where(l => _v6[l] is not null).OrderDescending().ToArray();
        Count = prefixes.Count;
    }

    /// <summary>Prefixes in the table.</summary>
    public int Count { get; }

    public static PrefixTable Empty { get; } = new([]);

    /// <summary>
    /// Builds a table from CIDR texts and their values. A later duplicate of the same prefix wins; a bad text is
    /// reported through <paramref name="errors"/> and skipped (an inventory typo must not stop flow collection).
    /// </summary>
    public static PrefixTable Build(IEnumerable<(string Cidr, int Value)> prefixes, ICollection<string>? errors = null)
    {
        var list = new List<(FlowAddress, int, int)>();
        foreach (var (cidr, value) in prefixes)
        {
            if (TryParse(cidr, out var network, out int length)) list.Add((network, length, value));
            else errors?.Add(cidr);
        }
        return new PrefixTable(list);
    }

    /// <summary>Parses <c>a.b.c.d/len</c> or <c>x::/len</c> (a bare address is a host prefix); host bits are cleared.</summary>
    public static bool TryParse(string? text, out FlowAddress network, out int length)
    {
        network = default;
        length = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var span = text.AsSpan().Trim();
        int slash = span.IndexOf('/');
        var host = slash < 0 ? span : span[..slash];
        if (!IPAddress.TryParse(host, out var address)) return false;
        // IPAddress also takes inet_aton shorthand ("10.0.0" is 10.0.0.0); in a prefix list that is a typo.
        if (address.AddressFamily == AddressFamily.InterNetwork && host.Count('.') != 3) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        int max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        length = max;
        if (slash >= 0 && (!int.TryParse(span[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length) || length > max))
            return false;
        var a = FlowAddress.From(address);
        network = a.IsV6 ? a with { Value = a.Value & MaskV6(length) } : a with { Value = (uint)a.Value & MaskV4(length) };
        return true;
    }

    /// <summary>The value of the longest prefix that contains <paramref name="address"/>, or -1.</summary>
    public int Lookup(in FlowAddress address)
    {
        if (!address.IsV6)
        {
            uint a = (uint)address.Value;
            foreach (int l in _v4Lengths)
                if (_v4[l].TryGetValue(a & MaskV4(l), out int v)) return v;
            return -1;
        }
        foreach (int l in _v6Lengths)
            if (_v6[l].TryGetValue(address.Value & MaskV6(l), out int v)) return v;
        return -1;
    }

    private static uint MaskV4(int length) => length == 0 ? 0u : uint.MaxValue << (32 - length);

    private static UInt128 MaskV6(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
}
