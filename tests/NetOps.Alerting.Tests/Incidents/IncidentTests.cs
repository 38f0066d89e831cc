using NetOps.Alerting.Incidents;
using NetOps.Alerting.Store;

namespace NetOps.Alerting.Tests.Incidents;

public sealed class IncidentTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    static Incident FromGroup() => new("INC-1", "東京都 回線障害", T0, null, "0:prefecture=13", ["131016"]);

    [Fact]
    public void Timeline_keeps_every_change_notification_acknowledgement_and_note_in_order_and_collects_sites()
    {
        var incident = FromGroup();
        incident.Record(T0.AddMinutes(1), IncidentEventKind.Notification, null, "paged sato", site: "131041");
        incident.Record(T0.AddMinutes(4), IncidentEventKind.Acknowledgement, "sato", "acknowledged from the mail");
        Assert.Null(incident.AddNote(T0.AddMinutes(9), "sato", " キャリアに確認中 "));
        Assert.Null(incident.SetCause(T0.AddMinutes(30), "sato", new IncidentCause(CauseCategory.LineFailure)));
        Assert.Null(incident.Close(T0.AddMinutes(40), "sato", "キャリア側の光ケーブル断"));

        Assert.Equal(
            [IncidentEventKind.Opened, IncidentEventKind.Notification, IncidentEventKind.Acknowledgement, IncidentEventKind.Note,
             IncidentEventKind.CauseSet, IncidentEventKind.Closed],
            incident.Timeline.Select(e => e.Kind));
        Assert.Equal("キャリアに確認中", incident.Timeline[3].Text);
        Assert.Equal(["131016", "131041"], incident.AffectedSites);
        Assert.Equal(IncidentState.Closed, incident.State);
        Assert.Equal(T0.AddMinutes(40), incident.ClosedAt);
    }

    [Fact]
    public void Closing_needs_a_cause_and_a_root_cause()
    {
        var incident = FromGroup();
        Assert.StartsWith("cause:", incident.Close(T0, "sato", "x"));
        incident.SetCause(T0, "sato", new IncidentCause(CauseCategory.LightningOrPower));
        Assert.StartsWith("rootCause:", incident.Close(T0, "sato", "  "));
        Assert.Equal(IncidentState.Open, incident.State);
        Assert.Null(incident.Close(T0, "sato", "落雷による停電"));
        Assert.Equal("the incident is already closed", incident.Close(T0, "sato", "again"));
        Assert.Null(incident.Reopen(T0.AddHours(1), "suzuki", "再発"));
        Assert.Equal(IncidentState.Open, incident.State);
    }

    [Theory]
    [InlineData(CauseCategory.EquipmentFailure, null, null, "cause.device")]
    [InlineData(CauseCategory.InformationLeak, null, null, "cause.leak")]
    [InlineData(CauseCategory.LineFailure, DeviceType.Router, null, "cause.device")]
    [InlineData(CauseCategory.Misdelivery, null, LeakKind.LossOrTheft, "cause.leak")]
    public void A_cause_takes_exactly_the_detail_its_table_row_splits_by(CauseCategory category, DeviceType? device, LeakKind? leak, string expected)
    {
        Assert.StartsWith(expected, new IncidentCause(category, device, leak).Validate());
        Assert.StartsWith(expected, FromGroup().SetCause(T0, "sato", new IncidentCause(category, device, leak)));
    }

    [Fact]
    public void A_lightning_or_power_failure_may_name_the_device_it_broke_for_the_equipment_table()
    {
        var incident = FromGroup();
        Assert.Null(incident.SetCause(T0, "sato", new IncidentCause(CauseCategory.LightningOrPower, DeviceType.Switch)));
        Assert.Equal("落雷・停電（スイッチ（SW-HUB））", incident.Timeline[^1].Text);
        Assert.True(incident.Cause!.IsEquipmentFailure);
        Assert.False(new IncidentCause(CauseCategory.LightningOrPower).IsEquipmentFailure);
    }

    [Fact]
    public void An_equipment_failure_names_its_device_type()
    {
        var incident = FromGroup();
        Assert.Null(incident.SetCause(T0, "sato", new IncidentCause(CauseCategory.EquipmentFailure, DeviceType.Firewall)));
        Assert.Equal("機器障害（ファイアウォール）", incident.Timeline[^1].Text);
    }

    [Fact]
    public void Opened_by_hand_says_so_and_reserved_kinds_go_through_their_own_methods()
    {
        var incident = new Incident("INC-2", "情報漏えいの疑い", T0, "auditor1", null, []);
        Assert.Equal("手動で起票", incident.Timeline[0].Text);
        Assert.Equal("auditor1", incident.Timeline[0].Actor);
        Assert.Throws<ArgumentException>(() => incident.Record(T0, IncidentEventKind.Closed, "x", "y"));
    }

    [Fact]
    public void Timeline_lines_that_NetOps_writes_are_Japanese_and_keep_unknown_kinds_as_they_are()
    {
        Assert.Equal("アラート 12（通信断 131032）: 確認済み — 現地確認中", IncidentStore.AlertLine(12, "outage", "131032", "acknowledged", "現地確認中"));
        Assert.Equal("アラート 3（HighLatency 131032）: 発生中", IncidentStore.AlertLine(3, "HighLatency", "131032", "firing", null));
        Assert.Equal("呼出し → oncall1 <a@example.jp>: 送信失敗 (550 no such user)", IncidentStore.NotificationLine("page", "oncall1", "a@example.jp", "failed", "550 no such user"));
        Assert.Equal("アラートグループ g1 から起票", new Incident("1", "t", DateTimeOffset.UnixEpoch, "u", "g1", []).Timeline[0].Text);
    }

    [Fact]
    public void Every_cause_device_and_leak_kind_has_its_Japanese_name_for_the_timeline()
    {
        foreach (var c in Enum.GetValues<CauseCategory>())
        {
            var cause = c switch
            {
                CauseCategory.EquipmentFailure => new IncidentCause(c, Device: DeviceType.Router),
                CauseCategory.InformationLeak => new IncidentCause(c, Leak: LeakKind.LossOrTheft),
                _ => new IncidentCause(c),
            };
            var incident = new Incident("1", "t", T0, "u", null, []);
            Assert.Null(incident.SetCause(T0, "u", cause));
            Assert.DoesNotContain(c.ToString(), incident.Timeline[^1].Text, StringComparison.Ordinal);
        }
        foreach (var d in Enum.GetValues<DeviceType>())
            Assert.False(string.IsNullOrEmpty(NetOps.Alerting.Resources.AlertMailText.Get("Device_" + d)));
        foreach (var k in Enum.GetValues<LeakKind>())
            Assert.False(string.IsNullOrEmpty(NetOps.Alerting.Resources.AlertMailText.Get("Leak_" + k)));
    }
}
