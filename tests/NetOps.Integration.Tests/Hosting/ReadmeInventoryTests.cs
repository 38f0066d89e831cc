using System.Net;
using System.Net.Sockets;
using System.Text;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Hosting;

/// <summary>The inventory example of the README, copied as it stands, is what an operator starts from.</summary>
public sealed class ReadmeInventoryTests
{
    [Fact]
    public async Task The_readme_inventory_example_starts_a_collector_that_stores_a_line_from_its_primary_router()
    {
        Assert.True(Environment.IsPrivilegedProcess, "sending from 10.35.1.1 on loopback needs root (IP_TRANSPARENT): run the tests as root (CI does)");
        var dir = Directory.CreateTempSubdirectory("netops-readme-").FullName;
        var inventory = Path.Combine(dir, "inventory.json");
        File.WriteAllText(inventory, ReadmeInventoryExample(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"))));
        await using var influx = await InfluxServer.StartNewAsync();
        await using var netops = await NetOpsProcess.StartAsync(influx.Url, Path.Combine(dir, "data"), null, $"--Inventory:Path={inventory}");

        var marker = Guid.NewGuid().ToString("N")[..12];
        SendFrom(IPAddress.Parse("10.35.1.1"), netops.SyslogPort,
            $"<187>42: *Mar  1 00:01:02.345: %LINK-3-UPDOWN: Interface Gi0/0, changed state to down {marker}");

        var query = new InfluxQuery(influx.Url);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<Dictionary<string, System.Text.Json.JsonElement>> rows;
        while ((rows = await query.RowsAsync($"SELECT * FROM event WHERE message =~ /{marker}/")).Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        var row = Assert.Single(rows);
        Assert.Equal(("352012", "shimonoseki-rt1", "link_down", "primary"),
            (row["site"].GetString(), row["device"].GetString(), row["kind"].GetString(), row["line"].GetString()));
        Assert.Contains("site 350001", netops.Output);
        Assert.Contains("site 000000", netops.Output);
    }

    /// <summary>The first JSON block of the README that holds an inventory (<c>{ "sites": …</c>).</summary>
    private static string ReadmeInventoryExample(string readme)
    {
        int start = readme.IndexOf("```json\n{ \"sites\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no inventory example");
        start += "```json\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>One UDP datagram to 127.0.0.1 from an address the machine does not have (IP_TRANSPARENT, root only).</summary>
    private static void SendFrom(IPAddress source, int port, string line)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        const int SolIp = 0, IpTransparent = 19;
        socket.SetRawSocketOption(SolIp, IpTransparent, BitConverter.GetBytes(1));
        socket.Bind(new IPEndPoint(source, 0));
        socket.SendTo(Encoding.UTF8.GetBytes(line), new IPEndPoint(IPAddress.Loopback, port));
    }
}
