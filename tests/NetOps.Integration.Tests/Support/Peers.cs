using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetOps.Integration.Tests.Support;

/// <summary>Real senders: util-linux <c>logger</c>, <c>openssl s_client</c>, and raw sockets bound to a chosen loopback address.</summary>
public static class Peers
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? stdin = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {await stderr}");
        return await stdout + await stderr;
    }

    /// <summary>Sends each line as one UDP datagram from <paramref name="source"/>.</summary>
    public static void SendUdp(IPAddress source, int port, IEnumerable<string> lines)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(source, 0));
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        int n = 0;
        foreach (var line in lines)
        {
            socket.Send(Encoding.UTF8.GetBytes(line));
            if (++n % 200 == 0) Thread.Sleep(1); // stay well under the socket buffer: this test is about durability, not load
        }
    }

    /// <summary>Sends raw bytes over one TCP connection from <paramref name="source"/>.</summary>
    public static async Task SendTcpAsync(IPAddress source, int port, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(bytes);
        socket.Shutdown(SocketShutdown.Send);
        var buffer = new byte[16];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { while (await socket.ReceiveAsync(buffer, cts.Token) > 0) { } } catch (Exception e) when (e is OperationCanceledException or SocketException) { }
    }

    /// <summary>RFC 6587 octet counting.</summary>
    public static byte[] OctetCounted(IEnumerable<string> messages) =>
        messages.SelectMany(m => { var b = Encoding.UTF8.GetBytes(m); return Encoding.ASCII.GetBytes($"{b.Length} ").Concat(b); }).ToArray();
}
