using System.Globalization;
using Microsoft.Extensions.Options;

namespace NetOps.Core.Influx;

/// <summary>Pings InfluxDB and reads the spool state of the <see cref="PointWriter"/>.</summary>
public sealed class InfluxHealth(IInfluxClient client, PointWriter writer, IOptions<InfluxOptions> options) : IInfluxHealth
{
    public async Task<InfluxHealthStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var ping = await client.PingAsync(cancellationToken).ConfigureAwait(false);
        var spool = writer.GetSpoolState();
        var spoolText = string.Create(CultureInfo.InvariantCulture,
            $"spool {spool.Files} files, {spool.Bytes} of {spool.MaxBytes} bytes");
        if (!ping.Ok) return new(false, $"InfluxDB at {options.Value.Url} is unreachable ({ping.Error}); {spoolText}");
        if (spool.IsFull) return new(false, $"InfluxDB spool is full; {spoolText}; writers are waiting");
        if (spool.ConsecutiveFailures > 0) return new(false, $"InfluxDB writes are failing ({spool.LastError}); {spoolText}");
        return new(true, $"InfluxDB {ping.Version} ok; {spoolText}");
    }
}
