using NetOps.Collector.Snmp;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Tests.Snmp;

public sealed class SnmpOptionsTests
{
    private static SnmpOptions With(string name, SnmpCredentialOptions credential)
    {
        var o = new SnmpOptions();
        o.Credentials[name] = credential;
        return o;
    }

    [Fact]
    public void A_v2c_credential_without_community_names_the_key()
        => Assert.Equal(["Collector:Snmp:Credentials:noc:Community is required for a version 2c credential"],
            With("noc", new SnmpCredentialOptions { Version = "2c" }).Validate());

    [Fact]
    public void A_good_v3_credential_passes_with_privacy_and_without()
    {
        Assert.Empty(With("core", new SnmpCredentialOptions { Version = "3", User = "netops", AuthProtocol = "SHA", AuthKey = "s3cret-auth", PrivProtocol = "AES", PrivKey = "s3cret-priv" }).Validate());
        Assert.Empty(With("core", new SnmpCredentialOptions { Version = "3", User = "netops", AuthProtocol = "SHA-256", AuthKey = "s3cret-auth" }).Validate());
    }

    [Fact]
    public void A_short_v3_key_names_the_key_and_never_shows_it()
    {
        var errors = With("core", new SnmpCredentialOptions { Version = "3", User = "netops", AuthProtocol = "SHA", AuthKey = "s3cret", PrivProtocol = "AES", PrivKey = "s3cr" }).Validate().ToList();
        Assert.Equal(["Collector:Snmp:Credentials:core:AuthKey: at least 8 characters", "Collector:Snmp:Credentials:core:PrivKey: at least 8 characters"], errors);
        Assert.DoesNotContain(errors, e => e.Contains("s3cr", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_v3_protocols_and_a_missing_user_name_their_keys()
    {
        var errors = With("core", new SnmpCredentialOptions { Version = "3", AuthProtocol = "MD5", AuthKey = "s3cret-auth", PrivProtocol = "DES", PrivKey = "s3cret-priv" }).Validate().ToList();
        Assert.Equal(["Collector:Snmp:Credentials:core:User is required for a version 3 credential",
            "Collector:Snmp:Credentials:core:AuthProtocol 'MD5' is neither SHA nor SHA-256",
            "Collector:Snmp:Credentials:core:PrivProtocol 'DES' is not AES"], errors);
        Assert.Equal(["Collector:Snmp:Credentials:core:PrivProtocol is required with Collector:Snmp:Credentials:core:PrivKey (AES)"],
            With("core", new SnmpCredentialOptions { Version = "3", User = "u", AuthProtocol = "SHA", AuthKey = "s3cret-auth", PrivKey = "s3cret-priv" }).Validate());
    }

    [Theory]
    [InlineData(0, 0, "Collector:Snmp:ShardCount 0 is not from 1 to 1024 (the collectors that split the polled devices)")]
    [InlineData(2000, 0, "Collector:Snmp:ShardCount 2000 is not from 1 to 1024 (the collectors that split the polled devices)")]
    [InlineData(3, 3, "Collector:Snmp:ShardIndex 3 is not from 0 to 2 (0-based, below Collector:Snmp:ShardCount 3)")]
    [InlineData(3, -1, "Collector:Snmp:ShardIndex -1 is not from 0 to 2 (0-based, below Collector:Snmp:ShardCount 3)")]
    [InlineData(1, 1, "Collector:Snmp:ShardIndex 1 is not from 0 to 0 (0-based, below Collector:Snmp:ShardCount 1)")]
    public void A_bad_shard_names_its_key_at_start(int count, int index, string error)
    {
        var result = new SnmpOptionsValidator().Validate(null, new SnmpOptions { ShardCount = count, ShardIndex = index });
        Assert.True(result.Failed);
        Assert.Equal([error], result.Failures!);
    }

    [Theory]
    [InlineData("zones", 1, "Collector:Snmp:Sharding 'zones' is neither index nor members")]
    [InlineData("members", 3, "Collector:Snmp:ShardCount 3 is for Collector:Snmp:Sharding=index; with members the collectors split the devices among themselves (leave ShardCount at 1)")]
    public void Bad_sharding_by_membership_names_its_key_at_start(string sharding, int count, string error) =>
        Assert.Equal([error], new SnmpOptions { Sharding = sharding, ShardCount = count }.Validate());

    [Fact]
    public void Sharding_by_membership_passes_and_names_the_member_after_the_machine_by_default()
    {
        Assert.Empty(new SnmpOptions { Sharding = "members" }.Validate());
        Assert.Equal(Environment.MachineName, new SnmpOptions { Sharding = "members" }.EffectiveMemberName);
        Assert.Equal("collector-2", new SnmpOptions { Sharding = "Members", MemberName = " collector-2 " } is { ByMembership: true } o ? o.EffectiveMemberName : "");
    }

    [Fact]
    public void One_shard_by_default_and_any_index_below_the_count_pass()
    {
        Assert.Equal((1, 0), (new SnmpOptions().ShardCount, new SnmpOptions().ShardIndex));
        Assert.Empty(new SnmpOptions { ShardCount = 4, ShardIndex = 3 }.Validate());
        Assert.Empty(new SnmpOptions { ShardCount = 4, ShardIndex = 0 }.Validate());
    }

    [Fact]
    public void A_bad_engine_id_names_its_key()
    {
        Assert.Equal(["Collector:Snmp:EngineId 'zz' is not 5 to 32 octets of hex (e.g. 80001f88046e65746f7073)"], new SnmpOptions { EngineId = "zz" }.Validate());
        Assert.Empty(new SnmpOptions { EngineId = "80001f88040102030405" }.Validate());
    }

    [Fact]
    public void A_device_with_a_v3_credential_is_polled_with_its_user_and_no_community()
    {
        var options = With("core", new() { Version = "3", User = "netops", AuthProtocol = "SHA", AuthKey = "s3cret-auth" });
        var t = Assert.Single(SnmpTarget.From(Inventory(new DeviceSnmp { Credential = "core" }), options, []));
        Assert.Equal("netops"u8.ToArray(), t.Usm!.UserName);
        Assert.Empty(t.Community);
    }

    [Fact]
    public void A_credential_prints_without_its_secret()
        => Assert.DoesNotContain("ro-community", new SnmpCredentialOptions { Community = "ro-community" }.ToString());

    [Fact]
    public void A_good_v2c_credential_and_bind_address_pass()
        => Assert.Empty(With("noc", new SnmpCredentialOptions { Version = "2c", Community = "x" }).Validate());

    private static SiteInventory Inventory(DeviceSnmp snmp) => new(
    [
        new Site { Code = "000000", Name = "centre", Prefecture = "00" },
        new Site { Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000",
            Devices = [new Device { Name = "shimonoseki-rt1", Addresses = ["10.35.1.1"], Snmp = snmp }] },
    ]);

    [Fact]
    public void A_device_naming_an_unknown_credential_is_left_out_and_the_problem_names_device_and_key()
    {
        var problems = new List<(string, string)>();
        var targets = SnmpTarget.From(Inventory(new DeviceSnmp { Credential = "missing" }), With("noc", new() { Community = "x" }), problems);
        Assert.Empty(targets);
        var (device, problem) = Assert.Single(problems);
        Assert.Equal("shimonoseki-rt1", device);
        Assert.Contains("device shimonoseki-rt1 (site 352012)", problem);
        Assert.Contains("Collector:Snmp:Credentials:missing", problem);
    }

    [Fact]
    public void A_device_with_a_known_credential_is_polled_at_its_port_and_interval()
    {
        var targets = SnmpTarget.From(Inventory(new DeviceSnmp { Credential = "NOC", Port = 1161, IntervalSeconds = 30 }), With("noc", new() { Community = "ro" }), []);
        var t = Assert.Single(targets);
        Assert.Equal("10.35.1.1:1161", t.Agent.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), t.Interval);
        Assert.Equal("ro"u8.ToArray(), t.Community);
    }

    [Theory]
    [InlineData("", null, null, "snmp.credential is missing")]
    [InlineData("noc", 0, null, "snmp.port 0 is not between 1 and 65535")]
    [InlineData("noc", null, 1, "snmp.intervalSeconds 1 is not between 5 and 86400")]
    public void A_bad_snmp_block_stops_the_inventory_naming_the_device(string credential, int? port, int? interval, string problem)
    {
        var e = Assert.Throws<InventoryException>(() => Inventory(new DeviceSnmp { Credential = credential, Port = port, IntervalSeconds = interval }));
        Assert.Contains("(shimonoseki-rt1)", e.Message);
        Assert.EndsWith(problem, e.Message);
    }

    [Fact]
    public void The_snmp_field_round_trips_through_the_file_form()
    {
        var json = Inventory(new DeviceSnmp { Credential = "noc", IntervalSeconds = 30 }).ToJson();
        Assert.Contains("\"snmp\": {", json);
        Assert.DoesNotContain("\"port\"", json);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);
            var back = SiteInventory.Load(path).FindByName("shimonoseki-rt1")!.Device.Snmp!;
            Assert.Equal(("noc", (int?)null, (int?)30), (back.Credential, back.Port, back.IntervalSeconds));
        }
        finally { File.Delete(path); }
    }
}
