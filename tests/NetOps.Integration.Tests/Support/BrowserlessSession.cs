using System.Net;
using System.Text.RegularExpressions;

namespace NetOps.Integration.Tests.Support;

/// <summary>
/// A browser's cookie session without a browser: an HttpClient that keeps cookies, does not follow redirects,
/// and posts the sign-in form with the antiforgery token from /login, as the page does.
/// </summary>
/// <remarks>
/// <paramref name="source"/> binds the client to a loopback address of its own, so that tests sharing one NetOps do
/// not share the sign-in rate limit, which counts per client address.
/// </remarks>
public sealed partial class BrowserlessSession(Uri baseUri, IPAddress? source = null) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                if (source is not null) socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public HttpClient Http => _http;

    /// <summary>Posts the sign-in form; returns the redirect's target (e.g. <c>/</c> or <c>/login?error=invalid…</c>).</summary>
    public async Task<string> SignInAsync(string userName, string password, string? returnUrl = null)
    {
        var page = await _http.GetStringAsync("login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var token = AntiforgeryField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on /login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = password, ["returnUrl"] = returnUrl ?? "/",
        });
        using var response = await _http.PostAsync("account/login", form);
        if ((int)response.StatusCode is < 300 or >= 400) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public void Dispose() => _http.Dispose();
}
