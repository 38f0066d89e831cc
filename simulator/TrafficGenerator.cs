namespace NetOps.Simulator;

/// <summary>
/// Routine traffic at a steady total rate: firewall session logs (mostly accept, some deny), router ACL logs,
/// Yamaha filter logs, the odd login failure and, rarely, a configuration change.
/// </summary>
public sealed class TrafficGenerator(
    IReadOnlyList<SimulatedSite> sites, SyslogSender sender, SyslogClock clock, TimeProvider time, int seed)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    // Service mix of an LGWAN segment: web and mail to the prefecture's and the centre's servers, DNS, NTP.
    private static readonly (string Service, int Port, int Proto)[] Allowed =
    [
        ("HTTPS", 443, 6), ("HTTPS", 443, 6), ("HTTPS", 443, 6), ("HTTP", 80, 6), ("DNS", 53, 17), ("DNS", 53, 17),
        ("SMTP", 25, 6), ("NTP", 123, 17), ("LDAP", 389, 6), ("SYSLOG", 514, 17),
    ];

    // What the firewalls refuse: file shares and remote desktops across sites, telnet, stray probes.
    private static readonly (string Service, int Port, int Proto)[] Denied =
    [
        ("SMB", 445, 6), ("SMB", 445, 6), ("RDP", 3389, 6), ("TELNET", 23, 6), ("SSH", 22, 6), ("MS-SQL", 1433, 6),
        ("NetBIOS", 137, 17), ("SNMP", 161, 17),
    ];

    private static readonly string[] Users = ["admin", "admin", "root", "operator", "cisco", "guest", "lgwan"];

    private readonly Random _random = new(seed);
    private long _sessionId = 100_000;

    public async Task RunAsync(double messagesPerSecond, CancellationToken cancellationToken)
    {
        if (messagesPerSecond <= 0) return;
        using var timer = new PeriodicTimer(Tick, time);
        long last = time.GetTimestamp();
        double due = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            long now = time.GetTimestamp();
            // Catch up after a slow tick, but never burst more than a second's worth.
            due = Math.Min(due + messagesPerSecond * time.GetElapsedTime(last, now).TotalSeconds, Math.Max(1, messagesPerSecond));
            last = now;
            for (; due >= 1; due--)
            {
                var (device, message) = Next();
                await sender.SendAsync(device, message, cancellationToken);
            }
        }
    }

    private (SimulatedDevice Device, string Message) Next()
    {
        var site = sites[_random.Next(sites.Count)];
        var t = clock.Now;
        double roll = _random.NextDouble();
        return _random.Next(100) switch
        {
            < 65 => (site.Firewall, Firewall(site, t, roll)),
            < 85 => (site.PrimaryRouter, Cisco(site, t, roll)),
            _ => (site.BackupRouter, Yamaha(site, roll)),
        };
    }

    private string Firewall(SimulatedSite site, DateTimeOffset t, double roll)
    {
        var fw = site.Firewall;
        if (roll < 0.0005) return FortiGateMessages.ConfigChange(fw, t, "admin", site.InternalAddress(100), 1 + _random.Next(12));
        if (roll < 0.003) return FortiGateMessages.LoginFailed(fw, t, Pick(Users), OtherSiteHost());
        bool accept = roll >= 0.12;
        var (service, port, proto) = accept ? Pick(Allowed) : Pick(Denied);
        string src = site.InternalAddress(10 + _random.Next(200));
        string dst = accept ? ServerAddress(site) : OtherSiteHost();
        return FortiGateMessages.Traffic(fw, t, accept, proto, src, EphemeralPort(), dst, port, service,
            Interlocked.Increment(ref _sessionId), _random);
    }

    private string Cisco(SimulatedSite site, DateTimeOffset t, double roll)
    {
        var rt = site.PrimaryRouter;
        if (roll < 0.0005) return CiscoIosMessages.ConfigChange(rt, t, "admin", site.InternalAddress(100));
        if (roll < 0.003) return CiscoIosMessages.LoginFailed(rt, t, Pick(Users), OtherSiteHost());
        bool permitted = roll >= 0.2;
        var (_, port, proto) = permitted ? Pick(Allowed) : Pick(Denied);
        return CiscoIosMessages.AccessList(rt, t, permitted, proto == 6 ? "tcp" : "udp",
            permitted ? site.InternalAddress(10 + _random.Next(200)) : OtherSiteHost(), EphemeralPort(),
            permitted ? ServerAddress(site) : site.InternalAddress(10 + _random.Next(200)), port, 1 + _random.Next(permitted ? 20 : 3));
    }

    private string Yamaha(SimulatedSite site, double roll)
    {
        if (roll < 0.002) return YamahaRtxMessages.LoginFailed(OtherSiteHost());
        bool passed = roll >= 0.3;
        var (_, port, proto) = passed ? Pick(Allowed) : Pick(Denied);
        return passed
            ? YamahaRtxMessages.Filter(true, false, 1010, proto == 6 ? "TCP" : "UDP",
                site.InternalAddress(10 + _random.Next(200)), EphemeralPort(), ServerAddress(site), port)
            : YamahaRtxMessages.Filter(false, true, 2000, proto == 6 ? "TCP" : "UDP",
                OtherSiteHost(), EphemeralPort(), site.InternalAddress(10 + _random.Next(200)), port);
    }

    /// <summary>A server at the prefecture node or the national centre.</summary>
    private string ServerAddress(SimulatedSite site) =>
        _random.Next(3) == 0 ? $"10.0.0.{10 + _random.Next(20)}" : site.BgpNeighbor[..^1] + (10 + _random.Next(40));

    /// <summary>A host at another site (LGWAN is closed: unwanted traffic comes from inside it).</summary>
    private string OtherSiteHost() => sites[_random.Next(sites.Count)].InternalAddress(10 + _random.Next(200));

    private int EphemeralPort() => _random.Next(32_768, 61_000);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
