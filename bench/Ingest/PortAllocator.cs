using System.Net;
using System.Net.Sockets;

namespace NetOps.Bench.Ingest;

/// <summary>
/// Hands out loopback ports free for both TCP and UDP (NetOps listens on both on its syslog port), never the same
/// one twice in a run: a port closed by one peer may linger and must not go to the next.
/// </summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];

    public int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            if (_given.Contains(port)) continue;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException) { continue; }
            _given.Add(port);
            return port;
        }
        throw new InvalidOperationException("no loopback port is free for both TCP and UDP");
    }
}
