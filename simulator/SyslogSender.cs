using System.Net;

namespace NetOps.Simulator;

/// <summary>Sends each device's messages from that device's own connection.</summary>
public sealed class SyslogSender : IAsyncDisposable
{
    private readonly Dictionary<SimulatedDevice, DeviceConnection> _connections;
    private readonly TextWriter _log;
    private int _tcpErrorReported;

    public SyslogSender(IEnumerable<SimulatedDevice> devices, IPEndPoint target, SimulatorStats stats, TimeProvider time, TextWriter log)
    {
        _log = log;
        // Binding to 127.x.y.z only makes sense when the collector is on this machine.
        bool bindSource = IPAddress.IsLoopback(target.Address);
        _connections = devices.ToDictionary(d => d, d => new DeviceConnection(d, target, bindSource, stats, time));
    }

    public async ValueTask SendAsync(SimulatedDevice device, string message, CancellationToken cancellationToken)
    {
        var connection = _connections[device];
        await connection.SendAsync(message, cancellationToken);
        if (connection.LastTcpError is { } error && Interlocked.Exchange(ref _tcpErrorReported, 1) == 0)
            _log.WriteLine($"simulator: TCP to the collector failed ({error}); those devices use UDP and retry TCP every 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values) await connection.DisposeAsync();
    }
}
