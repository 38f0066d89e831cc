using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Enrichment;
using NetOps.Core.Influx;
using SharpPcap;
using SharpPcap.LibPcap;
using NetOps.Core.Hosting;

namespace NetOps.Collector.Capture;

/// <summary>
/// Live capture on <c>Collector:Capture:Interface</c> with the BPF <c>Collector:Capture:Filter</c> (libpcap through
/// SharpPcap). The device is opened at start, so a missing interface, a bad filter or a missing permission stops the
/// host with one line that names the key and the fix.
/// </summary>
public sealed class LiveCaptureService(IOptions<CaptureOptions> options, SiteResolver resolver, CaptureMetrics metrics, IPointWriter writer,
    TimeProvider time, ILogger<LiveCaptureService> logger) : IHostedService, IDisposable
{
    private const int ReadTimeoutMs = 200;
    // libpcap does not promise that a blocking read returns after its timeout when no packet arrives (with
    // TPACKET_V3 the timer starts with the first packet), so a quiet interface could keep a blocking loop from
    // ever seeing the stop. The device is read non-blocking; when it is empty the loop sleeps, 1 ms at first and
    // up to IdleSleepMaxMs while it stays empty. The kernel ring (Collector:Capture:BufferBytes) holds what
    // arrives meanwhile.
    private const int IdleSleepMaxMs = 20;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly CaptureOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private LibPcapLiveDevice? _device;
    private Task? _loop;

    /// <summary>The pipeline (for tests and health): packets counted so far.</summary>
    public CapturePipeline? Pipeline { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string name = _options.Interface!.Trim();
        _device = Open(name);
        Pipeline = new CapturePipeline(_options.Site, _options.SensorName, _options.AggregationSeconds, resolver, metrics, logger, _options.Scans);
        logger.Capturing(name, _options.Filter ?? "", Pipeline.Sensor, Pipeline.Site);
        _loop = Task.Run(() => RunAsync(_device, Pipeline, _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private LibPcapLiveDevice Open(string name)
    {
        const string key = CaptureOptions.Section + ":Interface";
        LibPcapLiveDeviceList devices;
        try
        {
            devices = LibPcapLiveDeviceList.New();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or PcapException)
        {
            throw new NetOpsConfigurationException(key, $"{key} '{name}': libpcap is not available ({e.Message}); install the Debian package libpcap0.8");
        }
        var device = devices.FirstOrDefault(d => d.Name == name)
                     ?? throw new NetOpsConfigurationException(key, $"{key}: no interface named '{name}' (there are: {string.Join(", ", devices.Select(d => d.Name))})");
        try
        {
            device.Open(new DeviceConfiguration
            {
                Mode = _options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
                Snaplen = _options.SnapLength,
                ReadTimeout = ReadTimeoutMs,
                BufferSize = _options.BufferBytes,
                Immediate = true,
            });
        }
        catch (Exception e) when (e is PcapException or InvalidOperationException)
        {
            if (IsPermission(e.Message))
                throw new NetOpsConfigurationException(key,
                    $"{key} '{name}': capturing packets needs root or CAP_NET_RAW: run as root, or grant the capability with " +
                    "`sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which dotnet))` (libpcap said: " + e.Message.Trim() + ")");
            throw new NetOpsConfigurationException(key, $"{key} '{name}': cannot open the interface for capture: {e.Message.Trim()}");
        }
        if (!string.IsNullOrWhiteSpace(_options.Filter))
        {
            try
            {
                device.Filter = _options.Filter;
            }
            catch (Exception e) when (e is PcapException or InvalidOperationException or ArgumentException)
            {
                device.Close();
                throw new NetOpsConfigurationException($"{CaptureOptions.Section}:Filter", $"{CaptureOptions.Section}:Filter '{_options.Filter}' is not a valid BPF filter: {e.Message.Trim()}");
            }
        }
        device.NonBlockingMode = true;
        return device;
    }

    /// <summary>libpcap's words for a missing CAP_NET_RAW differ by version and path.</summary>
    public static bool IsPermission(string message) =>
        message.Contains("permission", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not permitted", StringComparison.OrdinalIgnoreCase)
        || message.Contains("EPERM", StringComparison.Ordinal)
        || message.Contains("EACCES", StringComparison.Ordinal);

    private async Task RunAsync(LibPcapLiveDevice device, CapturePipeline pipeline, CancellationToken stopping)
    {
        int linkType = (int)device.LinkType;
        long lastTick = time.GetTimestamp();
        long lastDropped = 0;
        int idleSleepMs = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                // Non-blocking; the loop owns the pipeline, so no locking is needed.
                var status = device.GetNextPacket(out PacketCapture capture);
                if (status == GetPacketStatus.PacketRead)
                {
                    idleSleepMs = 0;
                    var header = capture.Header;
                    long ts = (long)header.Timeval.Seconds * 1_000_000_000L + (long)header.Timeval.MicroSeconds * 1000L;
                    int wire = header is PcapHeader pcap ? (int)Math.Min(pcap.PacketLength, int.MaxValue) : capture.Data.Length;
                    pipeline.Process(ts, linkType, capture.Data, wire);
                }
                else if (status is GetPacketStatus.Error or GetPacketStatus.NoRemainingPackets)
                {
                    logger.CaptureStopped(new InvalidOperationException(device.LastError), device.Name);
                    break;
                }
                else
                {
                    idleSleepMs = Math.Min(Math.Max(1, idleSleepMs * 2), IdleSleepMaxMs);
                    await Task.Delay(TimeSpan.FromMilliseconds(idleSleepMs), time, stopping).ConfigureAwait(false);
                }
                if (time.GetElapsedTime(lastTick) >= TimeSpan.FromMilliseconds(ReadTimeoutMs))
                {
                    lastTick = time.GetTimestamp();
                    pipeline.Advance(Point.ToNanoseconds(time.GetUtcNow()));
                    pipeline.PublishMetrics();
                    lastDropped = ReportDrops(device, lastDropped);
                }
                if (pipeline.Pending.Count > 0) await WritePendingAsync(pipeline, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.CaptureStopped(e, device.Name);
        }
    }

    private long ReportDrops(LibPcapLiveDevice device, long lastDropped)
    {
        try
        {
            var stats = device.Statistics;
            long dropped = stats.DroppedPackets + stats.InterfaceDroppedPackets;
            if (dropped > lastDropped)
            {
                metrics.Dropped(dropped - lastDropped);
                logger.KernelDrops(dropped - lastDropped, device.Name);
            }
            return dropped;
        }
        catch (PcapException)
        {
            return lastDropped;
        }
    }

    private async Task WritePendingAsync(CapturePipeline pipeline, CancellationToken cancellationToken)
    {
        foreach (var point in pipeline.Pending) await writer.WriteAsync(point, cancellationToken).ConfigureAwait(false);
        pipeline.Pending.Clear();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(StopTimeout, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!_loop.IsCompleted)
            {
                // Never close a handle a read may still be using; leave it to the process's end.
                logger.CaptureStopped(new TimeoutException($"the capture loop did not stop within {StopTimeout.TotalSeconds} s"), _device?.Name ?? "");
                return;
            }
        }
        if (Pipeline is { } pipeline)
        {
            pipeline.Finish();
            await WritePendingAsync(pipeline, cancellationToken).ConfigureAwait(false);
        }
        _device?.Close();
    }

    public void Dispose()
    {
        if (_loop is null || _loop.IsCompleted) _device?.Dispose();
        _stopping.Dispose();
    }
}
