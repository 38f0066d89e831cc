using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NetOps.Bench.Screen;

/// <summary>
/// A sign-in through the real form (GET <c>/login</c> for its antiforgery token, POST <c>/account/login</c>) from its
/// own loopback address: the sign-in rate limit is per client address (10 a minute), so the bench's sign-ins never
/// eat into each other's. The cookies it returns are what a browser holds after signing in.
/// </summary>
public static partial class FormSignIn
{
    public static async Task<CookieContainer> PostAsync(Uri baseUri, string name, string password, IPAddress source, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch { socket.Dispose(); throw; }
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var form = await http.GetStringAsync("/login", cancellationToken);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }), cancellationToken);
        // a good sign-in redirects to returnUrl; a refused one shows the form again (200) or is rate limited (429)
        if ((int)response.StatusCode is < 300 or >= 400) throw new InvalidOperationException($"sign-in of {name} answered {(int)response.StatusCode}");
        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
