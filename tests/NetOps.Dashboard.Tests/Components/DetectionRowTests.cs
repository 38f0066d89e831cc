using Bunit;
using NetOps.Core.Detections;
using NetOps.Dashboard.Components.Detections;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>The detections list speaks Japanese: each kind's summary comes from Strings.resx, the analyzer's English message on hover.</summary>
public sealed class DetectionRowTests : BunitHost
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<DetectionKind, string> Kinds => new()
    {
        { DetectionKind.FailoverStarted, "主回線が停止しました（shimonoseki-rt1: link_down）" },
        { DetectionKind.BackupCarrying, "予備回線が通信を引き継ぎました（切替まで 1.5 秒）" },
        { DetectionKind.Switchback, "主回線に切り戻しました（開始から 290 秒、うち予備回線 289 秒）" },
        { DetectionKind.Degraded, "主回線の品質が低下しています（shimonoseki-rt1 でエラー毎分 600 件）" },
        { DetectionKind.Flapping, "主回線が不安定です（1 回の状態変化）" },
        { DetectionKind.PortScan, "192.0.2.7 からのポートスキャン（最大 1,024 ポート・3 ホスト）" },
        { DetectionKind.SynFlood, "SYN フラッド（毎秒 5,000 SYN、しきい値 毎秒 200）" },
        { DetectionKind.Anomaly, "主回線のトラフィックが平常と異なります（9,000,000 バイト、平常 1,200,000 バイト）" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_is_summarised_in_japanese_with_the_english_message_on_hover(DetectionKind kind, string expected)
    {
        var d = Detection(kind);
        var cut = Render<DetectionRow>(p => p.Add(c => c.Detection, d).Add(c => c.Now, T0));
        var summary = cut.Find("[data-testid=detection-summary]");
        Assert.Equal(expected, summary.TextContent);
        Assert.Equal(d.Message, summary.GetAttribute("title"));
    }

    [Fact]
    public void A_switchback_without_time_on_the_backup_does_not_show_an_unknown_duration()
    {
        var d = Detection(DetectionKind.Switchback) with { Durations = new Dictionary<string, double> { ["total"] = 65, ["switchback"] = 0 } };
        var cut = Render<DetectionRow>(p => p.Add(c => c.Detection, d).Add(c => c.Now, T0));
        Assert.Equal("主回線に切り戻しました（開始から 65 秒）", cut.Find("[data-testid=detection-summary]").TextContent);
    }

    [Fact]
    public void The_evidence_says_its_line_in_words()
    {
        var cut = Render<DetectionRow>(p => p.Add(c => c.Detection, Detection(DetectionKind.FailoverStarted)).Add(c => c.Now, T0));
        cut.Find("[data-testid=detection-expand]").Click();
        Assert.Contains("主", cut.Find("[data-testid=evidence] tr[data-evidence=link_down] span.badge").TextContent);
    }

    [Fact]
    public void A_silent_site_says_since_when_in_japan_time()
    {
        var d = Detection(DetectionKind.Outage) with { Evidence = [new DetectionEvidence(T0, "flow", "silence", Detail: "no traffic")] };
        var cut = Render<DetectionRow>(p => p.Add(c => c.Detection, d).Add(c => c.Now, T0));
        var text = cut.Find("[data-testid=detection-summary]").TextContent;
        Assert.StartsWith("通信が途絶えました", text);
        Assert.Contains("10:00", text); // 01:00 UTC is 10:00 JST
    }

    private static Detection Detection(DetectionKind kind) => new()
    {
        Time = T0, Site = "352012", Detector = "test", Kind = kind, Score = 2, Value = kind == DetectionKind.Anomaly ? 9_000_000 : 5_000,
        Expected = kind == DetectionKind.Anomaly ? 1_200_000 : 200, Line = "primary", Message = "english message " + kind,
        Durations = new Dictionary<string, double> { ["takeover"] = 1.5, ["total"] = 290, ["onBackup"] = 289 },
        Evidence = kind switch
        {
            DetectionKind.Degraded => [new DetectionEvidence(T0, "interface", "errors", "shimonoseki-rt1", "primary", "Gi0/0", 600)],
            DetectionKind.PortScan => [new DetectionEvidence(T0, "feature", "distinct_ports", Value: 1024), new DetectionEvidence(T0, "feature", "distinct_hosts", Detail: "192.0.2.7", Value: 3)],
            _ => [new DetectionEvidence(T0, "event", "link_down", "shimonoseki-rt1", "primary", "Interface Gi0/0 down")],
        },
    };
}
