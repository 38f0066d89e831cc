using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetOps.Integration.Tests.Support;
using NetOps.Testing;

namespace NetOps.Integration.Tests.Platform;

/// <summary>One NetOps with its users, shared by the sign-in tests (each test signs in from a loopback address of its own).</summary>
public sealed class SignInSite : IAsyncLifetime
{
    public const string Password = "correct-horse-battery";
    private InfluxServer _influx = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("netops-auth-").FullName;

    public NetOpsProcess NetOps { get; private set; } = null!;
    public string DataDir => Path.Combine(_dir, "data");

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxServer.StartNewAsync();
        foreach (var name in new[] { "noc1", "locky" })
            (await NetOpsCli.RunAsync(DataDir, ["user", "add", name, "--role", "operator", "--password-stdin"], Password + "\n")).EnsureSuccess();
        NetOps = await NetOpsProcess.StartAsync(_influx.Url, DataDir, null, $"--Inventory:Path={TestInventory.Write(_dir)}");
    }

    public async ValueTask DisposeAsync()
    {
        await NetOps.DisposeAsync();
        await _influx.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>Sign-in over HTTP as a browser does it: lockout, open redirects, CSRF on the API, throttling.</summary>
public sealed class SignInHttpTests(SignInSite site) : IClassFixture<SignInSite>
{
    private const string Password = SignInSite.Password;
    private NetOpsProcess Host => site.NetOps;
    private string DataDir => site.DataDir;
    private static int _nextAddress = 20;

    private BrowserlessSession Browser() =>
        new(Host.BaseUri, IPAddress.Parse($"127.0.1.{Interlocked.Increment(ref _nextAddress)}"));

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_and_the_lock_is_audited()
    {
        using var browser = Browser();
        for (int i = 1; i <= 4; i++) Assert.StartsWith("/login?error=invalid", await browser.SignInAsync("locky", "wrong-" + i));
        Assert.StartsWith("/login?error=locked", await browser.SignInAsync("locky", "wrong-5"));
        Assert.StartsWith("/login?error=locked", await browser.SignInAsync("locky", Password));
        using (var me = await browser.Http.GetAsync("api/v1/me")) Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);

        var csv = (await NetOpsCli.RunAsync(DataDir, ["audit", "export", "-"])).EnsureSuccess().Stdout;
        Assert.Equal(4 + 1, csv.Split('\n').Count(l => l.Contains(",auth.sign_in_failed,locky,")));
        Assert.Contains("5 failed sign-ins", csv.Split('\n').Single(l => l.Contains(",user.lock,locky,")));

        // An admin's unlock lets the person in again, and is audited too.
        (await NetOpsCli.RunAsync(DataDir, ["user", "unlock", "locky"])).EnsureSuccess();
        Assert.Equal("/", await browser.SignInAsync("locky", Password));
        Assert.Contains(",user.unlock,locky,", (await NetOpsCli.RunAsync(DataDir, ["audit", "export", "-"])).Stdout);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_return_url_that_leaves_the_site_sends_the_person_home_instead(string returnUrl)
    {
        using var browser = Browser();
        Assert.Equal("/", await browser.SignInAsync("noc1", Password, returnUrl));
    }

    [Fact]
    public async Task A_signed_in_browser_cannot_change_anything_through_the_api_without_the_antiforgery_header()
    {
        using var browser = Browser();
        Assert.Equal("/inventory", await browser.SignInAsync("noc1", Password, "/inventory"));
        using (var me = await browser.Http.GetAsync("api/v1/me")) Assert.Equal(HttpStatusCode.OK, me.StatusCode); // reads are fine
        var site = JsonNode.Parse("""{ "code": "352021", "name": "宇部市", "prefecture": "35", "parent": "350001", "devices": [] }""");
        using var put = await browser.Http.PutAsJsonAsync("api/v1/inventory/sites/352021", site);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await put.Content.ReadAsStringAsync());
        using var token = new HttpClient { BaseAddress = Host.BaseUri };
        var created = await NetOpsCli.UserWithTokenAsync(DataDir, "auditor1", "auditor");
        token.DefaultRequestHeaders.Authorization = new("Bearer", created);
        Assert.DoesNotContain("352021", await token.GetStringAsync("api/v1/inventory"));
    }

    [Fact]
    public async Task More_than_ten_attempts_a_minute_from_one_address_are_throttled_before_the_password_is_checked()
    {
        using var browser = Browser();
        var answers = new List<string>();
        for (int i = 0; i < 12; i++) answers.Add(await browser.SignInAsync("nobody-" + i, "x"));
        Assert.Equal(10, answers.Count(a => a.StartsWith("/login?error=invalid", StringComparison.Ordinal)));
        Assert.Equal(2, answers.Count(a => a.StartsWith("/login?error=throttled", StringComparison.Ordinal)));
        Assert.Equal(2, await Host.MetricAsync("netops_auth_sign_ins_total", ("outcome", "throttled")));
    }
}
