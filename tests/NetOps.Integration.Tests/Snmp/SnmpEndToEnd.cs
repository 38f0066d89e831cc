using NetOps.Core.Inventory;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Snmp;

/// <summary>
/// net-snmp's snmpd, a real InfluxDB and a real NetOps process whose inventory holds <see cref="Devices"/> at 下関市,
/// with the trap receiver on a free port, 500 ms timeouts and one retry; a test class adds its devices and settings.
/// </summary>
public abstract class SnmpEndToEnd(SnmpdAgent agent, string name) : IAsyncLifetime
{
    protected SnmpdAgent Agent { get; } = agent;
    protected string Dir { get; } = Directory.CreateTempSubdirectory($"netops-it-{name}-").FullName;
    protected int TrapPort { get; } = TestPorts.Next();
    protected InfluxServer Influx { get; private set; } = null!;
    protected NetOpsProcess NetOpsHost { get; private set; } = null!;
    protected InfluxQuery Query { get; private set; } = null!;

    /// <summary>The devices at 下関市 (called once the agent has its port).</summary>
    protected abstract List<Device> Devices();

    /// <summary>Command-line settings beyond the inventory, trap port, timeout and retries.</summary>
    protected abstract IEnumerable<string> Settings();

    public async ValueTask InitializeAsync()
    {
        await Agent.InitializeAsync();
        Influx = await InfluxServer.StartNewAsync();
        Query = new InfluxQuery(Influx.Url);
        var inventory = TestInventory.Write(Dir, Devices());
        NetOpsHost = await NetOpsProcess.StartAsync(Influx.Url, Path.Combine(Dir, "data"), null,
            [$"--Inventory:Path={inventory}", $"--Collector:Snmp:TrapPort={TrapPort}", "--Collector:Snmp:TimeoutMs=500", "--Collector:Snmp:Retries=1", .. Settings()]);
    }

    public async ValueTask DisposeAsync()
    {
        await NetOpsHost.DisposeAsync();
        await Influx.DisposeAsync();
        await Agent.DisposeAsync();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
