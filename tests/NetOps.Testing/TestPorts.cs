using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetOps.Testing;

/// <summary>
/// Loopback ports for servers that tests start. Asking the kernel for port 0 and releasing it is not enough: the next
/// such request (here or in a test assembly running beside this one) may get the same port before the server binds
/// it. So ports are drawn at random below the kernel's ephemeral range (32768+), checked free for TCP and UDP, and
/// never handed out twice in one test process.
/// </summary>
public static class TestPorts
{
    private const int First = 10_000, Last = 32_000;
    private static readonly ConcurrentDictionary<int, byte> Issued = new();

    /// <summary>A port free on 127.0.0.1 for both TCP and UDP.</summary>
    public static int Next()
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            int port = Random.Shared.Next(First, Last);
            if (!Issued.TryAdd(port, 0)) continue;
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
