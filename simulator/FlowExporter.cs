using System.Net;
using System.Net.Sockets;

namespace NetOps.Simulator;

/// <summary>
/// A router's flow export: NetFlow v9 (the Cisco primary router) or IPFIX (the Yamaha backup router), sent over UDP
/// from the router's own loopback address, with the template on the first packet and every 10 s after.
/// </summary>
public sealed class FlowExporter(SimulatedDevice device, bool ipfix, IPEndPoint target, bool bindSource, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan TemplateInterval = TimeSpan.FromSeconds(10);

    private readonly byte[] _buffer = new byte[1500];
    private readonly long _bootUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds() - 86_400_000L; // up for a day
    private Socket? _socket;
    private uint _sequence;
    private DateTimeOffset _templateDue = DateTimeOffset.MinValue;

    public SimulatedDevice Device => device;
    public bool Ipfix => ipfix;
    public long BootUnixMs => _bootUnixMs;

    /// <summary>Sends <paramref name="flows"/> in as many packets as they need; returns the packets sent, or -1 when sending failed.</summary>
    public int Send(ReadOnlySpan<SimulatedFlow> flows)
    {
        int max = FlowExportEncoder.MaxRecords(ipfix), packets = 0;
        while (!flows.IsEmpty)
        {
            var chunk = flows[..Math.Min(max, flows.Length)];
            flows = flows[chunk.Length..];
            var now = time.GetUtcNow();
            bool template = now >= _templateDue;
            if (template) _templateDue = now + TemplateInterval;
            long unixMs = now.ToUnixTimeMilliseconds();
            int length = ipfix
                ? FlowExportEncoder.WriteIpfix(_buffer, chunk, template, _sequence, 1, unixMs)
                : FlowExportEncoder.WriteV9(_buffer, chunk, template, _sequence, 0, unixMs, _bootUnixMs);
            // v9 counts export packets, IPFIX counts data records
            _sequence += ipfix ? (uint)chunk.Length : 1;
            try
            {
                _socket ??= Open();
                _socket.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, target);
                packets++;
            }
            catch (SocketException)
            {
                return -1;
            }
        }
        return packets;
    }

    private Socket Open()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        if (bindSource) socket.Bind(new IPEndPoint(device.Address, 0));
        return socket;
    }

    public void Dispose() => _socket?.Dispose();
}
