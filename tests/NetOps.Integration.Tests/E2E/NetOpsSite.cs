using System.Diagnostics;
using Microsoft.Playwright;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// One real NetOps (its own InfluxDB and state DB) and one headless Debian Chromium for the end-to-end tests. People
/// are made with the CLI before the browser starts, as an operator would. There is no browser download: a missing
/// <c>/usr/bin/chromium</c> fails the tests (install Debian's <c>chromium</c>; <c>./netops test</c> does).
/// </summary>
public sealed class NetOpsSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminName = "admin";
    public const string AdminPassword = "admin-password-e2e";
    public const string AuditorName = "audrey";
    public const string OnCallName = "oscar";
    public const string OperatorName = "opal";
    /// <summary>The user whose roles and tokens the admin-page test changes; the other users' roles stay as made.</summary>
    public const string SpareName = "sora";
    /// <summary>Approves other people's advisories (the four eyes of the advisories page test).</summary>
    public const string ApproverName = "aoi";
    public const string PeoplePassword = "people-password-e2e";

    private InfluxServer? _influx;
    private NetOpsProcess? _netOps;
    private SmtpSink? _smtp;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public NetOpsProcess NetOps => _netOps ?? throw new InvalidOperationException("not started");
    /// <summary>The real SMTP server advisory mails go to (aiosmtpd).</summary>
    public SmtpSink Smtp => _smtp ?? throw new InvalidOperationException("not started");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");
    /// <summary>The site's own InfluxDB (what the collector writes into).</summary>
    public string InfluxUrl => _influx?.Url ?? throw new InvalidOperationException("not started");
    public string BaseUrl => NetOps.BaseUri.ToString().TrimEnd('/');
    public string DataDir { get; } = Directory.CreateTempSubdirectory("netops-e2e-").FullName;

    /// <summary>Bearer tokens made with <c>user token</c>, by user name.</summary>
    public Dictionary<string, string> Tokens { get; } = [];

    /// <summary>Where every page the tests visit is saved: the test output's <c>screenshots/</c>.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium, or ./netops ensure_deps test)");
        Directory.CreateDirectory(ScreenshotDirectory);
        // A CI machine runs the other test assemblies beside these: give every expectation 15 s, not Playwright's 5.
        Assertions.SetDefaultExpectTimeout(15_000);
        _influx = await InfluxServer.StartNewAsync();
        await CliAsync(AdminPassword, "user", "add", AdminName, "--role", "admin", "--display-name", "NOC管理者", "--password-stdin");
        await CliAsync(PeoplePassword, "user", "add", AuditorName, "--role", "auditor", "--display-name", "監査 花子", "--password-stdin");
        await CliAsync(PeoplePassword, "user", "add", OnCallName, "--role", "oncall", "--password-stdin");
        await CliAsync(PeoplePassword, "user", "add", OperatorName, "--role", "operator", "--display-name", "運用 太郎", "--password-stdin");
        await CliAsync(PeoplePassword, "user", "add", SpareName, "--role", "oncall", "--password-stdin");
        await CliAsync(PeoplePassword, "user", "add", ApproverName, "--role", "approver", "--display-name", "承認 葵", "--password-stdin");
        foreach (var name in new[] { AdminName, AuditorName, OnCallName, OperatorName })
            Tokens[name] = (await CliAsync(null, "user", "token", name)).Trim();
        _smtp = await SmtpSink.StartAsync(Path.Combine(DataDir, "mail"));
        // A few advisory mails a second: slow enough that the advisories page shows a send in progress.
        _netOps = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null,
            [.. Ceptoar.AdvisoryDeliveryTests.SmtpArgs(_smtp.Port), "--Ceptoar:Delivery:MessagesPerSecond=3", "--Ceptoar:Delivery:Connections=1"]);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) with a wall-screen-sized window, Japanese first.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = 1600, Height = 1000 },
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private int _nextSource = 10;

    /// <summary>
    /// Signs in with the real form post (antiforgery and all) from its own loopback address, and returns a browser
    /// context holding the cookie. The sign-in rate limit is per client address (10 a minute): the browser's own
    /// sign-ins stay few, and these do not eat into them.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string name, string password)
    {
        var source = System.Net.IPAddress.Parse($"127.0.0.{Interlocked.Increment(ref _nextSource)}");
        var cookies = await PostSignInAsync(name, password, source);
        var page = await NewPageAsync();
        await page.Context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = "127.0.0.1", Path = "/", HttpOnly = c.HttpOnly, SameSite = SameSiteAttribute.Strict,
        }));
        return page;
    }

    /// <summary>The sign-in form's post from <paramref name="source"/>; returns the cookies (a failed sign-in leaves none for auth).</summary>
    public async Task<System.Net.CookieContainer> PostSignInAsync(string name, string password, System.Net.IPAddress source)
    {
        var cookies = new System.Net.CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new System.Net.IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = NetOps.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var form = await http.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
        if ((int)response.StatusCode is < 300 or >= 400) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        return cookies;
    }

    /// <summary>One Cisco IOS syslog line from <c>{site}-rt1</c> stamped <paramref name="at"/> (UTC), over UDP to the collector.</summary>
    public async Task PrimaryRouterLogsAsync(string siteCode, DateTime at, string text)
    {
        using var udp = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        await udp.SendAsync(System.Text.Encoding.UTF8.GetBytes($"<187>{at:MMM dd HH:mm:ss} {siteCode}-rt1 {text}"),
            new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, NetOps.SyslogPort));
    }

    /// <summary>Runs <c>dotnet NetOps.dll ARGS --DataDir=…</c>; returns its standard output, throws with its output on failure.</summary>
    public async Task<string> CliAsync(string? stdin, params string[] args) =>
        (await NetOpsCli.RunAsync(DataDir, args, stdin is null ? null : stdin + "\n")).EnsureSuccess().Stdout;

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_netOps is not null) await _netOps.DisposeAsync();
        if (_smtp is not null) await _smtp.DisposeAsync();
        if (_influx is not null) await _influx.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<NetOpsSite>
{
    public const string Name = "e2e";
}
