using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

using NetOps.Collector.Snmp;

using Oid = NetOps.Collector.Snmp.Oid;

namespace NetOps.Simulator.Snmp;

/// <summary>
/// The simulated sites' routers as SNMP v2c agents: each router answers GET, GETNEXT and GETBULK for its system and
/// IF-MIB objects on its own loopback address, with counters that follow the simulated traffic. A site's traffic runs
/// over the primary router's line until a failover drill takes the line down (its oper status goes down, its counters
/// stop, a linkDown trap goes to NetOps) and the backup router takes over; at switchback the reverse, with linkUp.
/// </summary>
public sealed class SnmpAgents : IDisposable
{
    private static readonly Oid SnmpTrapOid0 = Oid.Parse("1.3.6.1.6.3.1.1.4.1.0");
    private static readonly Oid LinkDown = Oid.Parse("1.3.6.1.6.3.1.1.5.3");
    private static readonly Oid LinkUp = Oid.Parse("1.3.6.1.6.3.1.1.5.4");
    private static readonly Oid IfAdminStatus = Oid.Parse("1.3.6.1.2.1.2.2.1.7");

    private readonly Dictionary<string, SiteRouters> _sites = new(StringComparer.Ordinal);
    private readonly List<(SimulatedRouter Router, Socket Socket)> _agents = [];
    private readonly byte[] _community;
    private readonly IPEndPoint? _trapTarget;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private long _answered, _refused, _traps, _errors;

    private SnmpAgents(byte[] community, IPEndPoint? trapTarget, TimeProvider time, TextWriter output, int seed)
    {
        _community = community;
        _trapTarget = trapTarget;
        _time = time;
        _output = output;
        _random = new Random(seed);
    }

    /// <summary>
    /// Binds one agent per router of <paramref name="sites"/> on its address and <paramref name="port"/>; null and
    /// <paramref name="error"/> when an address cannot be bound (the port is taken, or loopback aliases are missing).
    /// </summary>
    public static SnmpAgents? Start(IReadOnlyList<SimulatedSite> sites, int port, byte[] community, IPEndPoint? trapTarget,
        TimeProvider time, TextWriter output, int seed, out string? error)
    {
        var agents = new SnmpAgents(community, trapTarget, time, output, seed);
        long now = time.GetTimestamp();
        foreach (var site in sites)
        {
            var routers = new SiteRouters(SimulatedRouter.Primary(site.PrimaryRouter, now), SimulatedRouter.Backup(site.BackupRouter, now));
            agents._sites[site.Code] = routers;
            foreach (var router in new[] { routers.Primary, routers.Backup })
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    socket.Bind(new IPEndPoint(router.Device.Address, port));
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    agents.Dispose();
                    error = $"SNMP agent of {router.Device.Name} cannot listen on {router.Device.Address}:{port} ({e.SocketErrorCode})";
                    return null;
                }
                agents._agents.Add((router, socket));
            }
        }
        error = null;
        return agents;
    }

    public int Count => _agents.Count;
    public long Answered => Interlocked.Read(ref _answered);
    /// <summary>Requests not answered: a wrong community, bytes that are not a v2c request.</summary>
    public long Refused => Interlocked.Read(ref _refused);
    public long Traps => Interlocked.Read(ref _traps);

    /// <summary>The routers of a site (for tests).</summary>
    public SiteRouters? Site(string code) => _sites.GetValueOrDefault(code);

    /// <summary>Answers requests and adds each site's background traffic (routing protocols, management, keepalives) every second.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_agents.Select(a => ServeAsync(a.Router, a.Socket, cancellationToken)).Append(BackgroundAsync(cancellationToken)));

    /// <summary>Counts a flow's bytes on the router that carries the site's traffic now: its line and its LAN.</summary>
    public void Carry(SimulatedSite site, bool inbound, ulong bytes)
    {
        if (!_sites.TryGetValue(site.Code, out var routers)) return;
        lock (_gate)
        {
            var router = routers.Carrier;
            if (inbound)
            {
                router.Wan.Carry(bytes, 0);
                if (router.Wan.OperUp) router.Lan.Carry(0, bytes);
            }
            else
            {
                router.Lan.Carry(bytes, 0);
                router.Wan.Carry(0, bytes);
            }
        }
    }

    /// <summary>The drill hook for the primary line: its interface's oper status, and the linkDown or linkUp trap.</summary>
    public void SetPrimaryLine(SimulatedSite site, bool up)
    {
        if (!_sites.TryGetValue(site.Code, out var routers)) return;
        lock (_gate) routers.Primary.Wan.OperUp = up;
        SendLinkTrap(routers.Primary, routers.Primary.Wan, up);
    }

    /// <summary>The drill hook for VRRP: while true the backup router carries the site's traffic.</summary>
    public void SetBackupCarrying(SimulatedSite site, bool backup)
    {
        if (!_sites.TryGetValue(site.Code, out var routers)) return;
        lock (_gate) routers.OnBackup = backup;
    }

    private async Task ServeAsync(SimulatedRouter router, Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken);
                if (Answer(router, buffer.AsSpan(0, received.ReceivedBytes)) is { } reply)
                    await socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // an ICMP unreachable for an earlier answer, or the socket closing: the agent goes on (or ends with it)
                if (e is ObjectDisposedException) return;
                Interlocked.Increment(ref _errors);
            }
        }
    }

    /// <summary>The encoded Response to one datagram, or null when it is not answered (counted).</summary>
    public byte[]? Answer(SimulatedRouter router, ReadOnlySpan<byte> datagram)
    {
        if (!SnmpCommunityMessage.TryParse(datagram, out var message, out _)
            || !CryptographicOperations.FixedTimeEquals(message!.Community, _community))
        {
            Interlocked.Increment(ref _refused); // like snmpInBadCommunityNames: a wrong community gets no answer
            return null;
        }
        VarBind[] view;
        lock (_gate) view = router.View(_time);
        if (AgentMib.Answer(message.Pdu, view) is not { } response)
        {
            Interlocked.Increment(ref _refused);
            return null;
        }
        Interlocked.Increment(ref _answered);
        return new SnmpCommunityMessage(SnmpVersion.V2c, _community, response).Encode();
    }

    private async Task BackgroundAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (_gate)
                {
                    foreach (var routers in _sites.Values)
                    {
                        // routing, management and mail that no flow sample shows: 0.2–1 Mbit/s on the line in use
                        ulong inBytes = (ulong)_random.Next(25_000, 125_000), outBytes = (ulong)_random.Next(8_000, 40_000);
                        var carrier = routers.Carrier;
                        carrier.Wan.Carry(inBytes, outBytes);
                        if (carrier.Wan.OperUp) carrier.Lan.Carry(outBytes, inBytes);
                        // the idle line's keepalives (BGP, IPsec DPD) and VRRP adverts between the routers
                        var idle = routers.OnBackup ? routers.Primary : routers.Backup;
                        idle.Wan.Carry(120, 120);
                        routers.Primary.Interfaces[^1].Carry(60, 60);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    private void SendLinkTrap(SimulatedRouter router, SimulatedInterface port, bool up)
    {
        if (_trapTarget is null) return;
        var socket = _agents.FirstOrDefault(a => ReferenceEquals(a.Router, router)).Socket;
        if (socket is null) return;
        uint index = (uint)port.Index;
        var pdu = new SnmpPdu(SnmpPduType.TrapV2, _random.Next(1, int.MaxValue), 0, 0,
        [
            new VarBind(IfMib.SysUpTime0, SnmpValue.TimeTicks(router.UpTimeTicks(_time))),
            new VarBind(SnmpTrapOid0, SnmpValue.ObjectId(up ? LinkUp : LinkDown)),
            new VarBind(IfMib.IfIndex.Append(index), SnmpValue.Integer(port.Index)),
            new VarBind(IfAdminStatus.Append(index), SnmpValue.Integer(1)),
            new VarBind(IfMib.IfOperStatus.Append(index), SnmpValue.Integer(up ? 1 : 2)),
            new VarBind(IfMib.IfDescr.Append(index), SnmpValue.OctetString(port.Descr)), // as Cisco's linkDown carries it
        ]);
        try
        {
            socket.SendTo(new SnmpCommunityMessage(SnmpVersion.V2c, _community, pdu).Encode(), _trapTarget);
            Interlocked.Increment(ref _traps);
        }
        catch (SocketException e)
        {
            Interlocked.Increment(ref _errors);
            lock (_output) _output.WriteLine($"snmp: {router.Device.Name} could not send its {(up ? "linkUp" : "linkDown")} trap to {_trapTarget} ({e.SocketErrorCode})");
        }
    }

    public override string ToString() => $"{Answered} SNMP requests answered, {Refused} refused, {Traps} traps sent";

    public void Dispose()
    {
        foreach (var (_, socket) in _agents) socket.Dispose();
        _agents.Clear();
    }

    /// <summary>A site's two routers and which of them carries the traffic.</summary>
    public sealed class SiteRouters(SimulatedRouter primary, SimulatedRouter backup)
    {
        public SimulatedRouter Primary { get; } = primary;
        public SimulatedRouter Backup { get; } = backup;
        public bool OnBackup { get; set; }
        public SimulatedRouter Carrier => OnBackup ? Backup : Primary;
    }
}
