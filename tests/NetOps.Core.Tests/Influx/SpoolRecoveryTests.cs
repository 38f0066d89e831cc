using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;
using NetOps.Core.Metrics;

namespace NetOps.Core.Tests.Influx;

/// <summary>What a crash leaves in the spool directory, and what the next start makes of it.</summary>
public sealed class SpoolRecoveryTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _spool = Directory.CreateTempSubdirectory("netops-recover-").FullName;
    private readonly ScriptedInfluxClient _client = new();

    public void Dispose() => Directory.Delete(_spool, true);

    private PointWriter Writer(bool gzip) => new(
        Options.Create(new InfluxOptions { Url = "http://127.0.0.1:9", Database = "r", FlushIntervalMs = 20, SpoolDir = _spool, CreateDatabase = false, Gzip = gzip }),
        Options.Create(new NetOpsOptions()), _client, new NetOpsMetrics());

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private async Task WaitWrittenAsync(int count)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (_client.Written.Count < count) await Task.Delay(20, cts.Token);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_complete_batch_left_under_its_temporary_name_is_replayed_not_deleted(bool gzip)
    {
        const string lines = "event,site=352012 seq=1i 1700000000000000000\nevent,site=352012 seq=2i 1700000000000000001\n";
        var name = Path.Combine(_spool, $"{1:D20}-2.lp{(gzip ? ".gz" : "")}.tmp");
        await File.WriteAllBytesAsync(name, gzip ? Gzip(lines) : Encoding.UTF8.GetBytes(lines), Ct);

        await using var writer = Writer(gzip);
        await writer.StartAsync(Ct);
        await WaitWrittenAsync(1);
        await writer.WaitUntilSentAsync(Ct); // the spool file is deleted after InfluxDB took it

        Assert.Equal(lines, _client.Written.Single());
        Assert.Empty(Directory.GetFiles(_spool, "*.lp*"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_cut_short_by_the_crash_is_moved_to_rejected_not_deleted(bool gzip)
    {
        var whole = gzip ? Gzip("event,site=352012 seq=1i 1700000000000000000\n") : "event,site=352012 seq=1i 17000"u8.ToArray();
        var cut = gzip ? whole[..(whole.Length / 2)] : whole;
        var name = $"{1:D20}-1.lp{(gzip ? ".gz" : "")}.tmp";
        await File.WriteAllBytesAsync(Path.Combine(_spool, name), cut, Ct);

        await using var writer = Writer(gzip);
        await writer.StartAsync(Ct);
        await writer.WriteAsync(new Point("event", 1_700_000_000_000_000_005).Tag("site", "352012").Field("seq", 3), Ct);
        await WaitWrittenAsync(1);

        Assert.Equal(cut, await File.ReadAllBytesAsync(Path.Combine(writer.RejectedDirectory, name), Ct));
        Assert.DoesNotContain("seq=1i", _client.Written.Single());
    }

    [Fact]
    public async Task An_event_after_a_restart_does_not_take_the_timestamp_of_one_written_before_it()
    {
        var second = 1_700_000_000_000_000_000L; // a whole syslog second
        await using (var before = Writer(gzip: false))
        {
            await before.StartAsync(Ct);
            await before.WriteAsync(new Point("event", second).Tag("site", "352012").Field("seq", 1), Ct);
            await WaitWrittenAsync(1);
        }
        await using var after = Writer(gzip: false); // the same spool directory: the next start
        await after.StartAsync(Ct);
        await after.WriteAsync(new Point("event", second).Tag("site", "352012").Field("seq", 2), Ct);
        await WaitWrittenAsync(2);

        var stamps = _client.Written.Select(l => long.Parse(l.TrimEnd('\n').Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(second, stamps[0]);      // a new spool directory moves nothing
        Assert.NotEqual(stamps[0], stamps[1]);
        Assert.InRange(stamps[1], second, second + 999_999); // within the same millisecond
    }
}
