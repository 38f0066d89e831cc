using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Detections;
using NetOps.Core.Detections.Storage;
using NetOps.Core.Inventory;
using NetOps.Core.State;
using NetOps.Integration.Tests.Support;

namespace NetOps.Integration.Tests.Alerting;

/// <summary>
/// What the alerting tests share: an inventory of two prefectures (東京都 with 15 municipalities, 神奈川県 with 4), on-call
/// users with mail addresses, and detections written to the state DB as an analyzer on another node writes them.
/// </summary>
internal static partial class AlertingFixture
{
    public static readonly IReadOnlyList<Body> Tokyo = BodyDirectory.Shipped.Bodies.Where(b => b.PrefectureCode == "13" && !b.IsPrefecture).Take(15)
        .Select(b => new Body(b.Code, b.Name, "13")).ToList();
    public static readonly IReadOnlyList<Body> Kanagawa = BodyDirectory.Shipped.Bodies.Where(b => b.PrefectureCode == "14" && !b.IsPrefecture).Take(4)
        .Select(b => new Body(b.Code, b.Name, "14")).ToList();
    public static readonly string TokyoNode = BodyDirectory.Shipped.Bodies.Single(b => b.PrefectureCode == "13" && b.IsPrefecture).Code;
    public static readonly string KanagawaNode = BodyDirectory.Shipped.Bodies.Single(b => b.PrefectureCode == "14" && b.IsPrefecture).Code;

    public sealed record Body(string Code, string Name, string Prefecture);

    public static string WriteInventory(string directory)
    {
        var sites = new List<Site>
        {
            new() { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" },
            new() { Code = TokyoNode, Name = "東京都", Prefecture = "13", Parent = "000000" },
            new() { Code = KanagawaNode, Name = "神奈川県", Prefecture = "14", Parent = "000000" },
        };
        sites.AddRange(Tokyo.Concat(Kanagawa).Select(m => new Site { Code = m.Code, Name = m.Name, Prefecture = m.Prefecture, Parent = m.Prefecture == "13" ? TokyoNode : KanagawaNode }));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "inventory.json");
        new SiteInventory(sites).Save(path);
        return path;
    }

    public static async Task AddUserAsync(string dataDir, string name, string roles, string email, params string[] extra)
    {
        (await NetOpsCli.RunAsync(dataDir, ["user", "add", name, "--role", roles, "--email", email, "--display-name", $"{name} 担当", "--password-stdin"], "correct-horse-battery\n", extra)).EnsureSuccess();
    }

    /// <summary>Stores detections in the state DB the way the analyzer's sink does (as another node would), for the engine to read.</summary>
    public static Task StoreDetectionsAsync(string dataDir, IEnumerable<Detection> detections) =>
        StoreDetectionsAsync(StateDbConnection.From(new StateDbOptions(), dataDir), detections);

    public static async Task StoreDetectionsAsync(StateDbConnection connection, IEnumerable<Detection> detections)
    {
        var factory = new StateDbContextFactory(connection);
        await using var db = factory.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        foreach (var d in detections)
        {
            db.Detections.Add(new DetectionRecord
            {
                Id = d.Id, Time = d.Time, Site = d.Site, Detector = d.Detector, Kind = d.Kind.ToTag(), Score = d.Score, Message = d.Message, Line = d.Line,
                EvidenceJson = System.Text.Json.JsonSerializer.Serialize(d.Evidence, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
                RecordedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    public static Detection Detection(string site, DetectionKind kind, DateTimeOffset time, string message, string detector = "test") => new()
    {
        Time = time, Site = site, Detector = detector, Kind = kind, Score = 1, Message = message,
        Evidence = [new DetectionEvidence(time, "event", "test", $"{site}-rt1", "primary", message)],
    };

    /// <summary>The on-call configuration of the tests: fast group wait and short escalation steps (waitMinutes may be a fraction).</summary>
    public static string[] OnCallArgs(double stepMinutes) =>
    [
        "--Alerting:EvaluateSeconds=1",
        "--Alerting:Delivery:RetryInitialSeconds=1", "--Alerting:Delivery:PollMilliseconds=200",
        "--Alerting:OnCall:Schedules:noc:TimeZone=Asia/Tokyo",
        "--Alerting:OnCall:Schedules:noc:Rotation:Users:0=oncall1",
        "--Alerting:OnCall:Schedules:noc:Rotation:Handoff=09:00",
        "--Alerting:OnCall:Schedules:noc:Rotation:LengthDays=365",
        $"--Alerting:OnCall:Schedules:noc:Rotation:Start={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}",
        "--Alerting:OnCall:Policies:lines:Steps:0:Notify:Schedule=noc",
        $"--Alerting:OnCall:Policies:lines:Steps:0:WaitMinutes={stepMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        "--Alerting:OnCall:Policies:lines:Steps:1:Notify:Users:0=oncall2",
        $"--Alerting:OnCall:Policies:lines:Steps:1:WaitMinutes={stepMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        "--Alerting:OnCall:Policies:deferred:Steps:0:Notify:Users:0=greylisted",
        "--Alerting:OnCall:Policies:refused:Steps:0:Notify:Users:0=gone",
        "--Alerting:OnCall:Routes:0:Matchers:0:Name=kind", "--Alerting:OnCall:Routes:0:Matchers:0:Value=brute_force", "--Alerting:OnCall:Routes:0:Policy=deferred",
        "--Alerting:OnCall:Routes:0:GroupWaitSeconds=0",
        "--Alerting:OnCall:Routes:1:Matchers:0:Name=kind", "--Alerting:OnCall:Routes:1:Matchers:0:Value=deny_surge", "--Alerting:OnCall:Routes:1:Policy=refused",
        "--Alerting:OnCall:Routes:1:GroupWaitSeconds=0",
        "--Alerting:OnCall:Routes:2:Policy=lines", "--Alerting:OnCall:Routes:2:GroupBy:0=prefecture",
        "--Alerting:OnCall:Routes:2:GroupWaitSeconds=1", "--Alerting:OnCall:Routes:2:GroupIntervalSeconds=600",
    ];

    public static async Task<List<(string To, MimeMessage Message)>> WaitMailsAsync(SmtpSink smtp, Func<List<(string To, MimeMessage Message)>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<(string, MimeMessage)> mails = [];
        while (DateTime.UtcNow < deadline)
        {
            mails = [.. smtp.Messages()];
            if (done(mails)) return mails;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{what}: {mails.Count} mails after {timeout}: {string.Join(" | ", mails.Select(m => $"{m.Item1}: {m.Item2.Subject}"))}");
    }

    public static async Task<JsonArray> AlertsAsync(HttpClient http, string state = "all") =>
        (await http.GetFromJsonAsync<JsonArray>($"api/v1/alerts?state={state}"))!;

    public static async Task<JsonArray> WaitAlertsAsync(HttpClient http, Func<JsonArray, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonArray alerts = [];
        while (DateTime.UtcNow < deadline)
        {
            if (done(alerts = await AlertsAsync(http))) return alerts;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{what}: {alerts.ToJsonString()}");
    }

    [GeneratedRegex(@"http://[^\s]+/ack/alert/[A-Za-z0-9_\-\.]+")]
    public static partial Regex AckLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    public static partial Regex HiddenInput();
}
