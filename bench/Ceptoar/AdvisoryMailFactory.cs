using System.Globalization;
using MimeKit;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Directory;

namespace NetOps.Bench.Ceptoar;

/// <summary>Advisory mails as the sender composes them: one advisory, one mail per body of the shipped directory (1,788), in turn.</summary>
public sealed class AdvisoryMailFactory
{
    public const string From = "ceptoar@netops.example.lg.jp";

    private static readonly AdvisoryDraft Draft = new(
        "VPN 装置の認証回避の脆弱性(CVE-2026-0000)について",
        """
        複数の自治体で利用されている SSL-VPN 装置に、認証を回避して管理画面に接続できる脆弱性が公表されました。
        既に攻撃に悪用されているとの情報があり、インターネットから到達可能な装置は侵害されている可能性があります。
        該当する装置をお使いの場合は、直ちに修正版へ更新し、管理者アカウントのパスワードを変更してください。
        更新できない場合は、管理画面へのインターネットからの接続を遮断してください。
        侵害の痕跡(不審な管理者アカウント、設定の変更、見知らぬ接続元からのログイン)がないか、ログを確認してください。
        """,
        AdvisorySeverity.Urgent, TrafficLightProtocol.Green, "NISC",
        ["https://www.nisc.go.jp/", "https://jvn.jp/vu/JVNVU00000000/"],
        ["SSL-VPN 装置 ファームウェア 7.0.0 から 7.0.12", "SSL-VPN 装置 ファームウェア 7.2.0 から 7.2.5"],
        ["修正版(7.0.13 以降、7.2.6 以降)へ更新する", "管理者アカウントのパスワードを変更する", "ログを確認し、侵害の痕跡があれば報告する"],
        TrackingId: "NISC-2026-0042");

    private readonly BodyDirectory _directory = BodyDirectory.Shipped;
    private readonly DateTimeOffset _date = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(9));

    public MimeMessage Build(int i)
    {
        var body = _directory.Bodies[i % _directory.Bodies.Count];
        var address = string.Create(CultureInfo.InvariantCulture, $"joho{i}@city{body.Code}.example.lg.jp");
        var to = new AdvisoryMail.Recipient(address, body.Code, body.Name, MessageIds.For(42, address),
            string.Create(CultureInfo.InvariantCulture, $"https://netops.example.lg.jp/ack/advisory/42.{i}.{Convert.ToBase64String(BitConverter.GetBytes((long)i * 7919))}x2Qm9vZ3NfQmVuY2hfVG9rZW5fMDEyMzQ1Njc4OQ"),
            _date.AddDays(7));
        return AdvisoryMail.Build(42, Draft, to, new MailboxAddress("CEPTOAR", From), _date);
    }
}
