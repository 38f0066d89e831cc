using System.Text.Json;
using NetOps.Core.Inventory;
using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Tests.Ui;

public sealed class SiteDraftTests
{
    [Fact]
    public void Saving_a_site_from_the_editor_keeps_the_fields_the_form_does_not_show()
    {
        var site = new Site
        {
            Code = "352012", Name = "下関市", Prefecture = "35", Parent = "350001",
            Devices =
            [
                new Device
                {
                    Name = "shimonoseki-rt1", Line = "primary", Addresses = ["10.35.1.1"], Charset = "shift_jis",
                    Snmp = new DeviceSnmp { Credential = "noc", Port = 1161, IntervalSeconds = 30 },
                    Extra = new() { ["note"] = JsonDocument.Parse("\"rack 3\"").RootElement.Clone() },
                },
            ],
        };
        var draft = SiteDraft.From(site);
        draft.Devices[0].Addresses = "10.35.1.1, 10.35.1.9"; // what the operator edited
        var saved = draft.ToSite().Devices[0];
        Assert.Equal(["10.35.1.1", "10.35.1.9"], saved.Addresses);
        Assert.Equal("shift_jis", saved.Charset);
        Assert.Equal(("noc", (int?)1161, (int?)30), (saved.Snmp!.Credential, saved.Snmp.Port, saved.Snmp.IntervalSeconds));
        Assert.Equal("rack 3", saved.Extra!["note"].GetString());
    }

    [Fact]
    public void The_editor_sets_a_devices_snmp_credential_and_interval_keeps_its_port_and_a_blank_credential_stops_the_polling()
    {
        var site = new Site
        {
            Code = "352012", Name = "下関市", Prefecture = "35",
            Devices =
            [
                new Device { Name = "shimonoseki-rt1", Addresses = ["10.35.1.1"], Snmp = new DeviceSnmp { Credential = "noc", Port = 1161 } },
                new Device { Name = "shimonoseki-rt2", Addresses = ["10.35.1.2"] },
            ],
        };
        var draft = SiteDraft.From(site);
        Assert.Equal(("noc", (int?)null), (draft.Devices[0].SnmpCredential, draft.Devices[0].SnmpIntervalSeconds));
        draft.Devices[0].SnmpCredential = "";            // rt1 no longer polled
        draft.Devices[1].SnmpCredential = " noc-v3 ";    // rt2 polled every 30 s
        draft.Devices[1].SnmpIntervalSeconds = 30;

        var saved = draft.ToSite();

        Assert.Null(saved.Devices[0].Snmp);
        Assert.Equal(("noc-v3", (int?)null, (int?)30), (saved.Devices[1].Snmp!.Credential, saved.Devices[1].Snmp!.Port, saved.Devices[1].Snmp!.IntervalSeconds));
        // and back on for rt1 keeps the port it had
        draft.Devices[0].SnmpCredential = "noc";
        Assert.Equal((int?)1161, draft.ToSite().Devices[0].Snmp!.Port);
    }
}
