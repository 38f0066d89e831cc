using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Snmp;

/// <summary>
/// The receiver's own SNMP engine, authoritative for the v3 informs sent to it (RFC 3414 §2.3): its ID from
/// <c>Collector:Snmp:EngineId</c>, else generated once into <c>DataDir/snmp-engine-id</c> (so senders configured with it
/// keep working across restarts); its boots counted up on every start in <c>DataDir/snmp-engine-boots</c>; its time
/// the seconds since this start.
/// </summary>
public sealed class SnmpLocalEngine
{
    public const string IdFile = "snmp-engine-id";
    public const string BootsFile = "snmp-engine-boots";

    private readonly TimeProvider _time;
    private readonly long _started;

    public SnmpLocalEngine(byte[] engineId, int boots, TimeProvider time)
    {
        EngineId = engineId;
        Boots = boots;
        _time = time;
        _started = time.GetTimestamp();
    }

    public SnmpLocalEngine(IOptions<SnmpOptions> options, IOptions<NetOpsOptions> netOps, TimeProvider time)
        : this(LoadId(options.Value, netOps.Value.DataDirectory), NextBoots(netOps.Value.DataDirectory), time)
    {
    }

    public byte[] EngineId { get; }
    public int Boots { get; }

    /// <summary>snmpEngineTime: seconds since this start.</summary>
    public int Time => (int)Math.Min(int.MaxValue, (long)_time.GetElapsedTime(_started).TotalSeconds);

    private static byte[] LoadId(SnmpOptions options, string dataDirectory)
    {
        if (SnmpOptions.ParseEngineId(options.EngineId) is { } configured) return configured;
        var path = Path.Combine(dataDirectory, IdFile);
        if (File.Exists(path) && SnmpOptions.ParseEngineId(File.ReadAllText(path)) is { } stored) return stored;
        // RFC 3411 format 5 (octets) under net-snmp's enterprise 8072: 80 00 1F 88 05, then 8 random octets.
        var id = new byte[13];
        new byte[] { 0x80, 0x00, 0x1F, 0x88, 0x05 }.CopyTo(id, 0);
        RandomNumberGenerator.Fill(id.AsSpan(5));
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(path, Convert.ToHexStringLower(id) + "\n");
        return id;
    }

    private static int NextBoots(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, BootsFile);
        int boots = File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;
        // RFC 3414 §2.2.2: at 2^31-1 the engine stays there (and needs a new ID to be reached again).
        boots = boots >= int.MaxValue - 1 ? int.MaxValue : boots + 1;
        try
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(path, boots.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (IOException) { } // a read-only data directory: boots then repeats, which only costs senders a resync
        return boots;
    }
}
