using Bunit;
using NetOps.Dashboard.Components.Shared;

namespace NetOps.Dashboard.Tests.Components;

/// <summary>
/// Every action NetOps audits has its Japanese name on the screen (the overview's latest audit records showed
/// <c>drill.start</c>, <c>alert.ack</c> and <c>report.export</c> as codes).
/// </summary>
public sealed class AuditActionLabelTests : BunitHost
{
    [Theory]
    [InlineData("alert.ack", "アラート確認")]
    [InlineData("drill.start", "訓練開始")]
    [InlineData("drill.end", "訓練終了")]
    [InlineData("report.export", "レポート出力")]
    [InlineData("incident.open", "インシデント起票")]
    [InlineData("advisory.approve", "注意喚起承認")]
    [InlineData("silence.create", "サイレンス作成")]
    public void An_audited_action_is_named_in_japanese_with_its_code_on_hover(string action, string name)
    {
        var badge = Render<AuditActionLabel>(p => p.Add(c => c.Action, action)).Find("span.badge");
        Assert.Equal(name, badge.TextContent);
        Assert.Equal(action, badge.GetAttribute("title"));
    }
}
