using System.Globalization;
using System.Net;

namespace NetOps.Simulator;

/// <summary>Command-line options of the demo simulator.</summary>
public sealed record SimulatorOptions
{
    public const string Usage = """
        Usage: NetOps.Simulator [options]
          --target HOST:PORT        syslog receiver (default 127.0.0.1:5514; UDP, and TCP for some devices)
          --sites N                 municipalities to play (default 36), spread over several prefectures
          --rate MSGS_PER_SEC       routine messages per second, all devices together (default 200)
          --drill-interval SECONDS  a failover drill at one random site this often (default 90; 0 = none)
          --duration SECONDS        stop after this long (default: until Ctrl-C)
          --seed N                  seed for the random traffic (default 1)
          --tcp-share PERCENT       share of devices that send over TCP, octet-counted (default 25)
          --netflow HOST:PORT       NetFlow v9 collector for the primary routers (default 127.0.0.1:2055)
          --ipfix HOST:PORT         IPFIX collector for the backup routers (default 127.0.0.1:4739)
          --flows-per-second N      flow records per second, all routers together (default 300; 0 = no flow export)
          --api URL                 record each drill in NetOps at URL (an operator's token in NETOPS_TOKEN)
          --drill-roster U1,U2      who the recorded drills page instead of on-call (with --api)
          --snmp-port PORT          the routers answer SNMP v2c on their own addresses and PORT (default 0 = off);
                                    the community is NETOPS_SIM_SNMP_COMMUNITY (never an argument)
          --snmp-traps HOST:PORT    where the routers send linkDown/linkUp traps (NetOps' Collector:Snmp:TrapPort)
          --snmp-credential NAME    with --api: mark the routers for polling under NetOps' credential NAME (default demo)
          --snmp-interval SECONDS   with --api: their polling interval (default 10)
        """;

    public IPEndPoint Target { get; init; } = new(IPAddress.Loopback, 5514);
    public int Sites { get; init; } = 36;
    public double Rate { get; init; } = 200;
    public TimeSpan DrillInterval { get; init; } = TimeSpan.FromSeconds(90);
    public TimeSpan? Duration { get; init; }
    public int Seed { get; init; } = 1;
    public int TcpSharePercent { get; init; } = 25;
    public IPEndPoint NetFlow { get; init; } = new(IPAddress.Loopback, 2055);
    public IPEndPoint Ipfix { get; init; } = new(IPAddress.Loopback, 4739);
    public double FlowsPerSecond { get; init; } = 300;
    /// <summary>NetOps' address: each simulated drill is recorded there as a drill (POST /api/v1/drills), so it shows as one.</summary>
    public Uri? Api { get; init; }
    /// <summary>The people the recorded drills page instead of the real on-call.</summary>
    public IReadOnlyList<string> DrillRoster { get; init; } = [];
    /// <summary>The UDP port the simulated routers' SNMP agents answer on (each on its own address); 0 = no agents.</summary>
    public int SnmpPort { get; init; }
    public IPEndPoint? SnmpTraps { get; init; }
    public string SnmpCredential { get; init; } = "demo";
    public int SnmpIntervalSeconds { get; init; } = 10;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> names the bad option.</summary>
    public static bool TryParse(string[] args, out SimulatorOptions options, out string? error)
    {
        options = new SimulatorOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i], value;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (name is "-h" or "--help") { error = ""; return false; }
            else if (i + 1 < args.Length) value = args[++i];
            else { error = $"{name} needs a value"; return false; }

            switch (name)
            {
                case "--target" when TryParseEndPoint(value, out var ep): options = options with { Target = ep }; break;
                case "--sites" when TryInt(value, 1, 100_000, out int n): options = options with { Sites = n }; break;
                case "--rate" when double.TryParse(value, CultureInfo.InvariantCulture, out double r) && r is >= 0 and <= 1_000_000:
                    options = options with { Rate = r }; break;
                case "--drill-interval" when TryInt(value, 0, 86_400, out int s): options = options with { DrillInterval = TimeSpan.FromSeconds(s) }; break;
                case "--duration" when TryInt(value, 1, int.MaxValue, out int d): options = options with { Duration = TimeSpan.FromSeconds(d) }; break;
                case "--seed" when TryInt(value, int.MinValue, int.MaxValue, out int seed): options = options with { Seed = seed }; break;
                case "--tcp-share" when TryInt(value, 0, 100, out int p): options = options with { TcpSharePercent = p }; break;
                case "--api" when Uri.TryCreate(value, UriKind.Absolute, out var api) && api.Scheme is "http" or "https": options = options with { Api = api }; break;
                case "--drill-roster" when value.Length > 0:
                    options = options with { DrillRoster = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) }; break;
                case "--snmp-port" when TryInt(value, 0, 65_535, out int sp): options = options with { SnmpPort = sp }; break;
                case "--snmp-traps" when TryParseEndPoint(value, out var st): options = options with { SnmpTraps = st }; break;
                case "--snmp-credential" when value.Length is > 0 and <= 64: options = options with { SnmpCredential = value }; break;
                case "--snmp-interval" when TryInt(value, 5, 86_400, out int si): options = options with { SnmpIntervalSeconds = si }; break;
                case "--netflow" when TryParseEndPoint(value, out var nf): options = options with { NetFlow = nf }; break;
                case "--ipfix" when TryParseEndPoint(value, out var ix): options = options with { Ipfix = ix }; break;
                case "--flows-per-second" when double.TryParse(value, CultureInfo.InvariantCulture, out double f) && f is >= 0 and <= 10_000_000:
                    options = options with { FlowsPerSecond = f }; break;
                case "--target" or "--sites" or "--rate" or "--drill-interval" or "--duration" or "--seed" or "--tcp-share"
                    or "--netflow" or "--ipfix" or "--flows-per-second" or "--snmp-port" or "--snmp-traps" or "--snmp-credential" or "--snmp-interval":
                    error = $"{name}: invalid value '{value}'"; return false;
                default:
                    error = $"unknown option '{name}'"; return false;
            }
        }
        return true;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryParseEndPoint(string text, out IPEndPoint endPoint)
    {
        endPoint = null!;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !TryInt(text[(colon + 1)..], 1, 65_535, out int port)) return false;
        string host = text[..colon].Trim('[', ']');
        if (host == "localhost") host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out var address)) return false;
        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
