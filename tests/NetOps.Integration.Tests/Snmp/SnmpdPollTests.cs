using System.Text;
using NetOps.Collector.Snmp;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>The v2c engine against net-snmp's snmpd: the same values as net-snmp's own snmpget and snmpbulkwalk.</summary>
public sealed class SnmpdPollTests(SnmpdAgent agent) : IClassFixture<SnmpdAgent>
{
    private static readonly byte[] Community = Encoding.ASCII.GetBytes(SnmpdAgent.Community);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Get_returns_what_snmpget_returns_for_the_same_oids()
    {
        string[] oids = ["1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.6.0", "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.2.2.1.3.1", "1.3.6.1.2.1.31.1.1.1.15.1"];
        using var client = new SnmpV2cClient();
        var result = await client.GetAsync(agent.EndPoint, Community, oids.Select(Oid.Parse).ToList(), Timeout, 1, default);
        Assert.Equal(SnmpRequestOutcome.Ok, result.Outcome);
        var theirs = await agent.RunToolAsync("snmpget", oids);
        var ours = result.Response!.VarBinds.Select(v => Render(v.Value)).ToArray();
        Assert.Equal(theirs.Select(Theirs), ours);
        Assert.Equal("netops-test-agent", ours[0]);
        Assert.Equal("下関市", ours[1]);
    }

    [Fact]
    public async Task GetBulk_walks_ifDescr_like_snmpbulkwalk()
    {
        var column = Oid.Parse("1.3.6.1.2.1.2.2.1.2");
        using var client = new SnmpV2cClient();
        var names = new List<string>();
        var next = column;
        while (true)
        {
            var r = await client.GetBulkAsync(agent.EndPoint, Community, 0, 10, [next], Timeout, 1, default);
            Assert.Equal(SnmpRequestOutcome.Ok, r.Outcome);
            var inside = r.Response!.VarBinds.TakeWhile(v => !v.Value.IsException && column.IsPrefixOf(v.Oid)).ToList();
            names.AddRange(inside.Select(v => v.Value.AsText()));
            if (inside.Count < r.Response.VarBinds.Count || inside.Count == 0) break;
            next = inside[^1].Oid;
        }
        var theirs = await agent.RunToolAsync("snmpbulkwalk", column.ToString());
        Assert.NotEmpty(names);
        Assert.Equal(theirs.Select(t => t.Trim().Trim('"')), names);
    }

    [Fact]
    public async Task A_wrong_community_times_out_after_its_retries_and_does_not_retry_forever()
    {
        using var client = new SnmpV2cClient();
        var result = await client.GetAsync(agent.EndPoint, "wrong"u8.ToArray(), [Oid.Parse("1.3.6.1.2.1.1.3.0")], TimeSpan.FromMilliseconds(300), 2, default);
        Assert.Equal(SnmpRequestOutcome.Timeout, result.Outcome);
        Assert.Equal(3, result.Attempts);
    }

    /// <summary>snmpget prints a string with non-ASCII bytes as quoted hex pairs ("E4 B8 8B "): read those back as UTF-8.</summary>
    private static string Theirs(string line)
    {
        var t = line.Trim().Trim('"');
        return line.TrimStart().StartsWith('"') && System.Text.RegularExpressions.Regex.IsMatch(t, "^([0-9A-F]{2} ?)+$")
            ? Encoding.UTF8.GetString(Convert.FromHexString(t.Replace(" ", "")))
            : t;
    }

    private static string Render(SnmpValue v) => v.Type switch
    {
        SnmpType.ObjectIdentifier => "." + v.OidValue,
        _ => v.AsText(),
    };
}
