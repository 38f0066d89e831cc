using System.Text;

namespace NetOps.Collector.Snmp;

/// <summary>
/// Which of <c>Collector:Snmp:ShardCount</c> collectors polls a device: rendezvous (highest-random-weight) hashing on
/// the device's site code and name. Every collector computes the same answer from the inventory alone, with no
/// coordination, and going from n to n + 1 collectors moves only the ~1/(n + 1) of the devices that the new one wins.
/// Pure functions.
/// </summary>
public static class SnmpShard
{
    /// <summary>More collectors than this is a configuration mistake; each device weighs every shard.</summary>
    public const int MaxShards = 1024;

    /// <summary>The shard (0-based) that polls the device <paramref name="deviceName"/> of site <paramref name="siteCode"/>.</summary>
    public static int Of(string siteCode, string deviceName, int shardCount)
    {
        if (shardCount <= 1) return 0;
        ulong key = KeyHash(siteCode, deviceName);
        int best = 0;
        ulong bestWeight = 0;
        for (int shard = 0; shard < shardCount; shard++)
        {
            ulong weight = Weight(key, shard);
            if (shard == 0 || weight > bestWeight) (best, bestWeight) = (shard, weight);
        }
        return best;
    }

    /// <summary>
    /// FNV-1a (64-bit) of <c>site/device</c> in UTF-8, device names lower-cased (they are matched case-insensitively).
    /// Written out rather than <see cref="string.GetHashCode()"/>, which differs per process: every collector, of
    /// every version, must put a device in the same shard, and a test pins its value.
    /// </summary>
    public static ulong KeyHash(string siteCode, string deviceName)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        ulong hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes($"{siteCode}/{deviceName.ToLowerInvariant()}"))
            hash = (hash ^ b) * prime;
        return hash;
    }

    /// <summary>
    /// The device's weight for <paramref name="shard"/>: the key and the shard mixed by SplitMix64's finalizer, because
    /// FNV's last bytes barely reach its high bits and rendezvous compares whole weights.
    /// </summary>
    public static ulong Weight(ulong keyHash, int shard) => Mix(keyHash ^ ((ulong)(uint)shard + 1) * 0x9E3779B97F4A7C15);

    /// <summary>
    /// The member (index into <paramref name="members"/>) that polls the device when the collectors split the devices by
    /// membership: rendezvous on the members' names, so a member that leaves gives up only its own devices, spread
    /// over the others, and one that joins takes ~1/n from each. -1 when there are no members.
    /// </summary>
    public static int OwnerOf(string siteCode, string deviceName, IReadOnlyList<string> members)
    {
        ulong key = KeyHash(siteCode, deviceName);
        int best = -1;
        ulong bestWeight = 0;
        for (int i = 0; i < members.Count; i++)
        {
            ulong weight = Mix(key ^ MemberHash(members[i]) * 0x9E3779B97F4A7C15);
            if (best < 0 || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(members[i], members[best]) < 0)) (best, bestWeight) = (i, weight);
        }
        return best;
    }

    /// <summary>FNV-1a (64-bit) of a member's name in UTF-8, as given (member names are compared exactly).</summary>
    public static ulong MemberHash(string member)
    {
        const ulong offset = 14695981039346656037, prime = 1099511628211;
        ulong hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(member)) hash = (hash ^ b) * prime;
        return hash | 1; // never 0: a zero seed would leave the key unmixed with the member
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
