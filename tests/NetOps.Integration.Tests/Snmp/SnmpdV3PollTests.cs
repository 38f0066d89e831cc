using System.Diagnostics;
using NetOps.Collector.Snmp;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>The v3 (USM) engine against net-snmp's snmpd: SHA + AES and SHA-256 + AES users, the same values as snmpget.</summary>
public sealed class SnmpdV3PollTests(SnmpdAgent agent) : IClassFixture<SnmpdAgent>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Users => [SnmpdAgent.Sha1User.Name, SnmpdAgent.Sha256User.Name];

    private static SnmpdAgent.V3User Find(string name) => name == SnmpdAgent.Sha1User.Name ? SnmpdAgent.Sha1User : SnmpdAgent.Sha256User;

    internal static UsmUser User(SnmpdAgent.V3User u, string? authKey = null) => UsmUser.From("it",
        new SnmpCredentialOptions { Version = "3", User = u.Name, AuthProtocol = u.Auth, AuthKey = authKey ?? u.AuthKey, PrivProtocol = u.Priv, PrivKey = u.PrivKey });

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Get_over_authPriv_returns_what_snmpget_v3_returns_for_the_same_oids(string name)
    {
        var user = Find(name);
        string[] oids = ["1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.2.2.1.3.1", "1.3.6.1.2.1.31.1.1.1.15.1"];
        var usm = User(user);
        var peer = new UsmPeer(TimeProvider.System);
        using var client = new SnmpV3Client(usm, peer);
        var result = await client.GetAsync(agent.EndPoint, oids.Select(Oid.Parse).ToList(), Timeout, 1, default);
        Assert.Equal(SnmpRequestOutcome.Ok, result.Outcome);
        Assert.NotNull(peer.EngineId);
        var theirs = await agent.RunV3ToolAsync(user, "snmpget", oids);
        var ours = result.Response!.VarBinds.Select(v => v.Value.Type == SnmpType.ObjectIdentifier ? "." + v.Value.OidValue : v.Value.AsText()).ToArray();
        Assert.Equal(theirs.Select(t => t.Trim().Trim('"')), ours);
        Assert.Equal("netops-test-agent", ours[0]);
        Assert.Equal(1, usm.CachedEngines);
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task GetBulk_over_authPriv_walks_ifDescr_like_snmpbulkwalk_v3(string name)
    {
        var user = Find(name);
        var column = Oid.Parse("1.3.6.1.2.1.2.2.1.2");
        using var client = new SnmpV3Client(User(user), new UsmPeer(TimeProvider.System));
        var names = new List<string>();
        var next = column;
        while (true)
        {
            var r = await client.GetBulkAsync(agent.EndPoint, 0, 10, [next], Timeout, 1, default);
            Assert.Equal(SnmpRequestOutcome.Ok, r.Outcome);
            var inside = r.Response!.VarBinds.TakeWhile(v => !v.Value.IsException && column.IsPrefixOf(v.Oid)).ToList();
            names.AddRange(inside.Select(v => v.Value.AsText()));
            if (inside.Count < r.Response.VarBinds.Count || inside.Count == 0) break;
            next = inside[^1].Oid;
        }
        var theirs = await agent.RunV3ToolAsync(user, "snmpbulkwalk", column.ToString());
        Assert.NotEmpty(names);
        Assert.Equal(theirs.Select(t => t.Trim().Trim('"')), names);
    }

    [Fact]
    public async Task A_wrong_auth_key_is_refused_at_once_not_retried()
    {
        using var client = new SnmpV3Client(User(SnmpdAgent.Sha1User, authKey: "not-the-key"), new UsmPeer(TimeProvider.System));
        var clock = Stopwatch.StartNew();
        var result = await client.GetAsync(agent.EndPoint, [Oid.Parse("1.3.6.1.2.1.1.3.0")], TimeSpan.FromMilliseconds(500), 3, default);
        Assert.Equal(SnmpRequestOutcome.AuthFailed, result.Outcome);
        Assert.Contains("WrongDigest", result.Reason);
        Assert.True(result.Attempts <= 1, $"{result.Attempts} attempts");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}: a refusal does not wait for timeouts");
    }
}
