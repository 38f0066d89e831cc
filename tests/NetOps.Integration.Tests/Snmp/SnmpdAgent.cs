using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>
/// Debian's net-snmp <c>snmpd</c> on 127.0.0.1 and a free port, run in the foreground from a generated snmpd.conf in a
/// temp directory (its persistent state there too), answering community <see cref="Community"/> and the v3 users
/// <see cref="Sha1User"/> (SHA + AES) and <see cref="Sha256User"/> (SHA-256 + AES), both authPriv, made by createUser.
/// </summary>
public sealed class SnmpdAgent : IAsyncLifetime
{
    public const string Community = "netops-ro";

    /// <summary>A v3 user: name, auth protocol and password, privacy protocol and password (net-snmp's -a -A -x -X).</summary>
    public sealed record V3User(string Name, string Auth, string AuthKey, string Priv, string PrivKey);

    public static readonly V3User Sha1User = new("netops-sha", "SHA", "auth-pass-sha1", "AES", "priv-pass-sha1");
    public static readonly V3User Sha256User = new("netops-sha256", "SHA-256", "auth-pass-sha256", "AES", "priv-pass-sha256");
    private Process? _process;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-snmpd-").FullName;

    /// <summary>The loopback addresses it listens on, all at <see cref="Port"/>.</summary>
    public string[] Addresses { get; init; } = ["127.0.0.1"];

    public int Port { get; } = TestPorts.Next();
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public static string? Find(string name)
        => new[] { $"/usr/sbin/{name}", $"/usr/bin/{name}" }.FirstOrDefault(File.Exists);

    public async ValueTask InitializeAsync()
    {
        var snmpd = Find("snmpd") ?? throw new InvalidOperationException("snmpd is missing: run ./netops ensure_deps test");
        var conf = Path.Combine(_dir, "snmpd.conf");
        await File.WriteAllTextAsync(conf, $"""
            agentAddress {string.Join(",", Addresses.Select(a => $"udp:{a}:{Port}"))}
            rocommunity {Community} 127.0.0.1
            createUser {Sha1User.Name} {Sha1User.Auth} "{Sha1User.AuthKey}" {Sha1User.Priv} "{Sha1User.PrivKey}"
            createUser {Sha256User.Name} {Sha256User.Auth} "{Sha256User.AuthKey}" {Sha256User.Priv} "{Sha256User.PrivKey}"
            rouser {Sha1User.Name} authpriv
            rouser {Sha256User.Name} authpriv
            sysName netops-test-agent
            sysLocation 下関市
            """);
        var start = new ProcessStartInfo(snmpd) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "-Lf", Path.Combine(_dir, "snmpd.log"), "-C", "-c", conf, "-M", "/usr/share/snmp/mibs" })
            start.ArgumentList.Add(a);
        start.Environment["SNMP_PERSISTENT_DIR"] = _dir;
        start.Environment["MIBS"] = "";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Ready when it answers.
        using var probe = new NetOps.Collector.Snmp.SnmpV2cClient();
        for (int i = 0; i < 100; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"snmpd exited: {File.ReadAllText(Path.Combine(_dir, "snmpd.log"))}");
            var r = await probe.GetAsync(EndPoint, System.Text.Encoding.ASCII.GetBytes(Community), [NetOps.Collector.Snmp.Oid.Parse("1.3.6.1.2.1.1.3.0")], TimeSpan.FromMilliseconds(200), 0, default);
            if (r.Outcome == NetOps.Collector.Snmp.SnmpRequestOutcome.Ok) return;
        }
        throw new TimeoutException("snmpd did not answer within 20 s");
    }

    /// <summary>net-snmp's own snmpget/snmpbulkwalk, values only (-Oqv), numeric OIDs.</summary>
    public Task<string[]> RunToolAsync(string tool, params string[] args)
        => RunAsync(tool, ["-v2c", "-c", Community], args);

    /// <summary>The same over v3 authPriv as <paramref name="user"/>.</summary>
    public Task<string[]> RunV3ToolAsync(V3User user, string tool, params string[] args)
        => RunAsync(tool, ["-v3", "-l", "authPriv", "-u", user.Name, "-a", user.Auth, "-A", user.AuthKey, "-x", user.Priv, "-X", user.PrivKey], args);

    private async Task<string[]> RunAsync(string tool, string[] security, string[] args)
    {
        var start = new ProcessStartInfo(Find(tool) ?? throw new InvalidOperationException($"{tool} is missing")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SNMP_PERSISTENT_DIR"] = Path.Combine(_dir, "tools"); // net-snmp's tools keep engine state too
        foreach (var a in security.Concat(["-On", "-Oqv", "-Oe", "-m", "", "-r", "1", "-t", "2", $"udp:127.0.0.1:{Port}"]).Concat(args)) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public ValueTask DisposeAsync()
    {
        try { if (_process is { HasExited: false }) _process.Kill(); } catch (InvalidOperationException) { }
        _process?.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
