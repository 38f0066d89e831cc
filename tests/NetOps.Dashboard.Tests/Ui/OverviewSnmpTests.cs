using System.Text.Json;
using NetOps.Core.Influx;
using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Tests.Ui;

/// <summary>The overview's count of polled devices that do not answer SNMP now, from each device's latest reachability event.</summary>
public sealed class OverviewSnmpTests
{
    private static string Series(string device, string kind, long ns) =>
        $$"""{"name":"event","tags":{"device":"{{device}}","kind":"{{kind}}"},"columns":["time","last"],"values":[[{{ns}},"SNMP: …"]]}""";

    [Fact]
    public void A_device_is_not_answering_when_its_latest_reachability_event_is_a_down_and_it_is_still_polled()
    {
        var json = "{\"results\":[{\"statement_id\":0,\"series\":[" + string.Join(",",
            Series("nagano-rt1", "snmp_down", 300), Series("nagano-rt1", "snmp_up", 200),       // down again after it came back
            Series("nagano-rt2", "snmp_down", 100), Series("nagano-rt2", "snmp_up", 200),       // back
            Series("minato-rt2", "snmp_down", 150),                                              // down, never back
            Series("retired-rt1", "snmp_down", 400)) + "]}]}";                                  // no longer in the inventory
        var statement = InfluxHttpClient.ParseQueryResult(JsonDocument.Parse(json).RootElement).Statements[0];

        var silent = OverviewService.NotAnswering(statement, new HashSet<string>(["nagano-rt1", "nagano-rt2", "minato-rt2"], StringComparer.OrdinalIgnoreCase));

        Assert.Equal(["minato-rt2", "nagano-rt1"], silent);
        Assert.Empty(OverviewService.NotAnswering(null, new HashSet<string>()));
    }
}
