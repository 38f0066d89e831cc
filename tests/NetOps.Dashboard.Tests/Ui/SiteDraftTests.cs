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
}
