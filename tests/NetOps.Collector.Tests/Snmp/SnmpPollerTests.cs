using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NetOps.Collector.Snmp;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;
using NetOps.Core.Metrics;

namespace NetOps.Collector.Tests.Snmp;

public sealed class SnmpPollerTests
{
    private sealed class EditableInventory(SiteInventory current) : IInventorySource
    {
        public SiteInventory Current { get; set; } = current;
        public event Action<SiteInventory>? Changed { add { } remove { } }
    }

    private sealed class NullWriter : IPointWriter
    {
        public bool TryWrite(Point point) => true;
        public ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private static SiteInventory Inventory(params Device[] devices) => new(
    [
        new Site { Code = "000000", Name = "centre", Prefecture = "00" },
        new Site { Code = "352012", Name = "下関市", Prefecture = "35", Parent = "000000", Devices = [.. devices] },
    ]);

    private static Device Polled(string name, string address, string credential = "noc") =>
        new() { Name = name, Addresses = [address], Snmp = new DeviceSnmp { Credential = credential, Port = 9, IntervalSeconds = 3600 } };

    private static (SnmpPoller, SnmpMetrics) Poller(IInventorySource inventory, int shardCount = 1, int shardIndex = 0)
    {
        var options = new SnmpOptions { ShardCount = shardCount, ShardIndex = shardIndex };
        options.Credentials["noc"] = new SnmpCredentialOptions { Community = "ro" };
        var metrics = new NetOpsMetrics();
        var snmp = new SnmpMetrics(metrics);
        // Fake time far from the first poll's spread: Tick only decides, it starts no poll here.
        var poller = new SnmpPoller(inventory, Options.Create(options), new NullWriter(), snmp, new FakeTimeProvider(),
            new BackgroundLoops(metrics), NullLogger<SnmpPoller>.Instance);
        return (poller, snmp);
    }

    [Fact]
    public async Task A_device_naming_an_unconfigured_credential_stops_the_start_naming_the_device_and_the_key()
    {
        var (poller, _) = Poller(new EditableInventory(Inventory(Polled("shimonoseki-rt1", "192.0.2.1", credential: "core"))));
        var e = await Assert.ThrowsAsync<NetOpsConfigurationException>(() => poller.StartAsync(CancellationToken.None));
        Assert.Equal("Collector:Snmp:Credentials:core", e.Key);
        Assert.Contains("device shimonoseki-rt1 (site 352012)", e.Message);
    }

    [Fact]
    public void Devices_added_and_removed_by_a_reload_are_polled_or_no_longer_polled()
    {
        var inventory = new EditableInventory(Inventory(Polled("rt1", "192.0.2.1"), new Device { Name = "fw1", Addresses = ["192.0.2.3"] }));
        var (poller, snmp) = Poller(inventory);
        poller.Tick(CancellationToken.None);
        Assert.Equal(["rt1"], poller.Targets.Select(t => t.Device.Name));
        Assert.Equal(1, snmp.Devices.Value);

        inventory.Current = Inventory(Polled("rt2", "192.0.2.2"), Polled("rt3", "192.0.2.4"));
        poller.Tick(CancellationToken.None);
        Assert.Equal(["rt2", "rt3"], poller.Targets.Select(t => t.Device.Name).Order());

        // An operator's edit naming a credential that is not configured leaves that device out; the others poll on.
        inventory.Current = Inventory(Polled("rt2", "192.0.2.2"), Polled("rt4", "192.0.2.5", credential: "missing"));
        poller.Tick(CancellationToken.None);
        Assert.Equal(["rt2"], poller.Targets.Select(t => t.Device.Name));
        Assert.Equal(1, snmp.Value(SnmpPollOutcome.NoCredential));
    }

    /// <summary>The demo inventory (1,788 municipalities, 5,364 devices), every municipality's devices polled.</summary>
    private static SiteInventory Demo()
    {
        var sites = DemoInventory.GenerateSites(MunicipalityDirectory.Entries);
        foreach (var device in sites.Where(s => s.Code != "000000").SelectMany(s => s.Devices))
            device.Snmp = new DeviceSnmp { Credential = "noc", Port = 9, IntervalSeconds = 86_400 };
        return new SiteInventory(sites);
    }

    [Theory]
    [InlineData(1), InlineData(2), InlineData(3), InlineData(4), InlineData(5)]
    public void Collectors_with_each_shard_index_poll_every_device_once_between_them(int shards)
    {
        var inventory = Demo();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int index = 0; index < shards; index++)
        {
            var (poller, snmp) = Poller(new EditableInventory(inventory), shards, index);
            poller.Tick(CancellationToken.None);
            foreach (var target in poller.Targets)
            {
                Assert.True(seen.TryAdd(target.Device.Name, index), $"{target.Device.Name} polled by shards {seen.GetValueOrDefault(target.Device.Name)} and {index}");
                Assert.Equal(index, SnmpShard.Of(target.Site.Code, target.Device.Name, shards));
            }
            Assert.Equal(poller.Targets.Count, snmp.Devices.Value);
            Assert.Equal(5_364, snmp.InventoryDevices.Value);
        }
        Assert.Equal(5_364, seen.Count);
    }

    [Fact]
    public void A_collector_with_a_shard_index_polls_only_its_share_and_follows_reloads()
    {
        var devices = Enumerable.Range(1, 60).Select(i => Polled($"rt{i}", $"192.0.2.{i}")).ToArray();
        var inventory = new EditableInventory(Inventory(devices));
        var (poller, snmp) = Poller(inventory, shardCount: 3, shardIndex: 1);
        poller.Tick(CancellationToken.None);
        var mine = devices.Where(d => SnmpShard.Of("352012", d.Name, 3) == 1).Select(d => d.Name).Order().ToList();
        Assert.InRange(mine.Count, 10, 30);
        Assert.Equal(mine, poller.Targets.Select(t => t.Device.Name).Order());
        Assert.Equal(mine.Count, snmp.Devices.Value);

        // Another shard's device with a missing credential is that collector's to report and count, not this one's.
        var theirs = devices.First(d => SnmpShard.Of("352012", d.Name, 3) != 1);
        inventory.Current = Inventory([.. devices.Where(d => d != theirs), Polled(theirs.Name, theirs.Addresses[0], credential: "missing")]);
        poller.Tick(CancellationToken.None);
        Assert.Equal(mine, poller.Targets.Select(t => t.Device.Name).Order());
        Assert.Equal(0, snmp.Value(SnmpPollOutcome.NoCredential));
    }
}
