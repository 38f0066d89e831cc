using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Collector.Enrichment;
using NetOps.Collector.Networking;
using NetOps.Collector.Syslog;
using NetOps.Core.Events;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Snmp;

/// <summary>
/// v2c and v3 traps and informs on <c>Collector:Snmp:TrapPort</c> (v3 through <see cref="SnmpV3TrapDecoder"/>): each becomes an <c>event</c> point for the device whose
/// address sent it (site <c>unknown</c> when the inventory has none), an inform is answered with its Response. Traps
/// are few (a handful per link change), so they are handled on the receive thread; the point writer's queue takes
/// them without waiting, and a full queue is a counted drop. Bad datagrams are counted and sampled, never thrown.
/// </summary>
public sealed class SnmpTrapReceiver : IHostedService, IDisposable
{
    private readonly IInventorySource _inventory;
    private readonly IPointWriter _writer;
    private readonly SnmpMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<SnmpTrapReceiver> _logger;
    private readonly UdpReceiver _receiver;
    private readonly MalformedSampler _sampler;
    private readonly ConcurrentDictionary<IPAddress, byte> _unknownSenders = new();
    private readonly SnmpV3TrapDecoder? _v3;

    public SnmpTrapReceiver(IOptions<SnmpOptions> options, IInventorySource inventory, IPointWriter writer, SnmpMetrics metrics,
        TimeProvider time, ILogger<SnmpTrapReceiver> logger, SnmpV3TrapDecoder? v3 = null)
    {
        _v3 = v3;
        var o = options.Value;
        _inventory = inventory;
        _writer = writer;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _sampler = new MalformedSampler(logger, time, TimeSpan.FromSeconds(10));
        _receiver = new UdpReceiver("snmp-trap", IPAddress.Parse(o.BindAddress), o.TrapPort, o.ReceiveBufferBytes,
            $"{SnmpOptions.Section}:TrapPort", $"{SnmpOptions.Section}:ReceiveBufferBytes", OnDatagram, logger);
    }

    /// <summary>The bound endpoint, once started.</summary>
    public IPEndPoint? LocalEndPoint => _receiver.LocalEndPoint;

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPAddress source, ushort sourcePort)
    {
        _metrics.Count(SnmpTrapOutcome.Received);
        try
        {
            SnmpTrap? trap;
            if (SnmpCommunityMessage.PeekVersion(datagram) == (int)SnmpVersion.V3 && _v3 is not null)
            {
                var receipt = _v3.Decode(datagram);
                // Acknowledge first: the sender retries an inform until it hears back, whatever we do with it.
                if (receipt.Reply is { } reply) _receiver.TrySend(reply, new IPEndPoint(source, sourcePort));
                if (receipt.Trap is null)
                {
                    _metrics.Count(receipt.Outcome);
                    if (receipt.Outcome is SnmpTrapOutcome.AuthFailed or SnmpTrapOutcome.Replayed or SnmpTrapOutcome.Malformed && _sampler.TryTake(out long dropped))
                        _logger.RefusedV3Trap(source, receipt.Reason, dropped);
                    return;
                }
                trap = receipt.Trap;
            }
            else if (!SnmpTrap.TryDecode(datagram, out trap, out var error))
            {
                bool unsupported = error is SnmpParseError.UnsupportedVersion or SnmpParseError.NotATrap;
                _metrics.Count(unsupported ? SnmpTrapOutcome.Unsupported : SnmpTrapOutcome.Malformed);
                if (_sampler.TryTake(out long suppressed))
                    _logger.MalformedTrap(source, error.ToString(), suppressed, MalformedSampler.Excerpt(datagram, 120));
                return;
            }
            else if (trap!.IsInform) // v2c: acknowledged first too
                _receiver.TrySend(trap.EncodeInformResponse(), new IPEndPoint(source, sourcePort));
            var point = ToPoint(trap, source, Point.ToNanoseconds(_time.GetUtcNow()));
            _metrics.Count(_writer.TryWrite(point) ? SnmpTrapOutcome.Stored : SnmpTrapOutcome.Dropped);
        }
        catch (Exception e)
        {
            // A bug must not end the receive thread: counted, sampled with its stack, and the next datagram is read.
            _metrics.Count(SnmpTrapOutcome.Malformed);
            if (_sampler.TryTake(out long suppressed)) _logger.TrapFailed(e, source, suppressed);
        }
    }

    /// <summary>The trap as an <c>event</c> point of the device at <paramref name="source"/>.</summary>
    public Point ToPoint(SnmpTrap trap, IPAddress source, long timestampNs)
    {
        var ev = SnmpTrapNormalizer.Normalize(trap);
        var match = _inventory.Current.FindByAddress(source);
        string site, device;
        var line = LineRole.None;
        if (match is null)
        {
            site = Measurements.UnknownSite;
            device = "unknown";
            _metrics.UnknownTrapSources.Inc();
            if (_unknownSenders.Count < 10_000 && _unknownSenders.TryAdd(source, 0)) _logger.UnknownTrapSender(source);
        }
        else
        {
            site = match.Site.Code;
            device = match.Device.Name;
            line = SiteResolver.LineOf(match.Device, ev.Interface);
        }
        var point = EventPoint.Create(timestampNs, site, device, ev.Kind, ev.Severity, line, ev.Message, ev.Detail)
            .Field("vendor", "snmp")
            .Field("source", source.ToString())
            .Field("trap", EventPoint.Clean(ev.Name));
        if (ev.Interface is { } ifname) point.Field("interface", EventPoint.Clean(ifname));
        return point;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _receiver.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _receiver.Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => _receiver.Dispose();
}
