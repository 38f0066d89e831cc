using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetOps.Integration.Tests.E2E;

/// <summary>
/// Walks every API endpoint of <c>/openapi/v1.json</c> and every page route of the dashboard's components: signed
/// out → 401 (API) or a redirect to /login (pages); signed in with a role that may not → 403 (DESIGN.md "People,
/// roles and the HTTP API").
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class AuthorizationWalkTests(NetOpsSite site)
{
    [Fact]
    public async Task Every_endpoint_and_page_refuses_the_signed_out_and_the_wrong_role()
    {
        using var http = NewClient();
        var endpoints = await ApiEndpointsAsync(http);
        Assert.Contains(endpoints, e => e.Method == "GET" && e.Path == "/api/v1/inventory");
        Assert.Contains(endpoints, e => e.Method == "POST" && e.Path == "/api/v1/users");
        var pages = PageRoutes();
        Assert.Contains("/", pages);
        Assert.Contains("/admin/users", pages);
        Assert.Contains("/login", pages);

        var failures = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            using var response = await SendAsync(http, method, path, token: null);
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"signed out {method} {path}: {(int)response.StatusCode}, expected 401");
        }
        foreach (var page in pages)
        {
            using var response = await SendAsync(http, "GET", page, token: null);
            if (page == "/login")
            {
                if (response.StatusCode != HttpStatusCode.OK) failures.Add($"signed out GET /login: {(int)response.StatusCode}, expected 200");
                continue;
            }
            var location = response.Headers.Location?.ToString() ?? "";
            if ((int)response.StatusCode is < 300 or >= 400 || !Regex.IsMatch(location, "^(https?://[^/]+)?/login\\?", RegexOptions.IgnoreCase))
                failures.Add($"signed out GET {page}: {(int)response.StatusCode} to '{location}', expected a redirect to /login");
        }
        // Signed in as the admin, every page opens.
        foreach (var page in pages.Where(p => p != "/login"))
        {
            using var response = await SendAsync(http, "GET", page, site.Tokens[NetOpsSite.AdminName]);
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"admin GET {page}: {(int)response.StatusCode}, expected 200");
        }
        // Signed in with a role that may not.
        foreach (var (who, method, path) in new[]
                 {
                     (NetOpsSite.AuditorName, "GET", "/admin/users"),
                     (NetOpsSite.AuditorName, "POST", "/api/v1/users"),
                     (NetOpsSite.AuditorName, "GET", "/api/v1/users"),
                     (NetOpsSite.OnCallName, "PUT", "/api/v1/inventory/sites/352012"),
                     (NetOpsSite.OnCallName, "GET", "/audit"),
                     (NetOpsSite.OnCallName, "GET", "/api/v1/audit"),
                     (NetOpsSite.OnCallName, "GET", "/admin/users"),
                     (NetOpsSite.OnCallName, "GET", "/reports"),
                     (NetOpsSite.OnCallName, "GET", "/api/v1/reports/statistics.pdf?from=2020-04-01&to=2021-03-31"),
                     // the auditors' exports are theirs: an operator without the auditor role may not (issue 12)
                     (NetOpsSite.OperatorName, "GET", "/api/v1/reports/incidents.pdf?from=2020-04-01&to=2021-03-31"),
                     (NetOpsSite.OperatorName, "GET", "/reports"),
                     (NetOpsSite.AuditorName, "POST", "/api/v1/drills"),
                     (NetOpsSite.OnCallName, "POST", "/api/v1/drills/1/end"),
                 })
        {
            using var response = await SendAsync(http, method, path, site.Tokens[who]);
            if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{who} {method} {path}: {(int)response.StatusCode}, expected 403");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = site.NetOps.BaseUri,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return await http.SendAsync(request);
    }

    /// <summary>Every operation of the OpenAPI document, path parameters filled in with a real site code or a name.</summary>
    private async Task<List<(string Method, string Path)>> ApiEndpointsAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", site.Tokens[NetOpsSite.AdminName]);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var list = new List<(string, string)>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            if (op.Name is "parameters" or "summary" or "description" or "servers") continue;
            list.Add((op.Name.ToUpperInvariant(), PathParameter().Replace(path.Name, m => Substitute(m.Groups[1].Value))));
        }
        Assert.NotEmpty(list);
        return list;
    }

    private static string Substitute(string parameter) => parameter.ToLowerInvariant() switch
    {
        "code" or "site" => "352012",
        "id" => "00000000-0000-0000-0000-000000000001",
        _ => NetOpsSite.OnCallName,
    };

    /// <summary>The routes of every routable component in the dashboard (its [Route] attributes, what @page compiles to).</summary>
    private static List<string> PageRoutes() =>
        LoadableTypes(typeof(NetOps.Dashboard.Components.App).Assembly)
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => PathParameter().Replace(r.Template, m => m.Groups[1].Value.Split(':') is [_, "long" or "int"] ? "1" : Substitute(m.Groups[1].Value.Split(':')[0].TrimEnd('?'))))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The assembly's types; a type whose dependency this test does not load (not a component) is left out.</summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try { return assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.OfType<Type>(); }
    }

    [GeneratedRegex("\\{([^}]+)\\}")]
    private static partial Regex PathParameter();
}
