using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using NetOps.Bench.Ingest;

namespace NetOps.Bench.Flows;

/// <summary>
/// <c>bench flows</c>: one NetFlow v9 export stream, built once, replayed at increasing rates of flow records per second
/// first into a private nfcapd (nfdump 1.7), then into a NetOps host (collector role, real influxd); reports the records
/// each stored, the records lost, NetOps' peak RSS and the ratio NetOps/nfcapd.
/// </summary>
public static class FlowIngestHarness
{
    private const string Usage = """
        Usage: bench flows [--rates R1,R2,...] [--seconds S] [--keep] [--no-build]
          --rates     flow records per second to replay (default 50000,200000,500000,1000000)
          --seconds   seconds per rate and peer (default 5)
          --keep      keep configs, logs and nfcapd files
          --no-build  do not rebuild the NetOps host
        """;

    private const int ReceiveBufferBytes = 32 << 20;

    public static async Task<int> RunAsync(string[] args)
    {
        IReadOnlyList<int> rates = [50_000, 200_000, 500_000, 1_000_000];
        int seconds = 5;
        bool keep = false, noBuild = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--rates" when i + 1 < args.Length:
                    rates = args[++i].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--seconds" when i + 1 < args.Length: seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                case "--no-build": noBuild = true; break;
                default: Console.Error.WriteLine($"bench flows: unknown option '{args[i]}'\n{Usage}"); return 2;
            }
        }

        string? nfcapd = Executables.Find("nfcapd"), nfdump = Executables.Find("nfdump"), influxd = InfluxPeer.FindBinary();
        if (nfcapd is null || nfdump is null || influxd is null)
        {
            Console.Error.WriteLine("bench flows: needs nfcapd, nfdump (Debian nfdump) and influxd (influxdb); run ./netops bench flows, which installs them");
            return 2;
        }
        var host = NetOpsHost.Locate();
        if (host is null) { Console.Error.WriteLine("bench flows: repository not found (run from the checkout)"); return 2; }
        if (!noBuild && host.IsStale())
        {
            Console.Error.WriteLine("bench flows: building the NetOps host (Release)");
            if (await host.BuildAsync(CancellationToken.None) is { } errors) { Console.Error.WriteLine(errors); return 1; }
        }

        var children = new ChildProcessSet();
        using var cancel = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (cancel.IsCancellationRequested) { children.KillAll(); Environment.Exit(130); }
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var temp = Directory.CreateTempSubdirectory("netops-bench-flows-");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ports = new PortAllocator();
        var stream = FlowExportStream.Build(5_000);
        var replayer = new FlowReplayer(stream);
        var rows = new List<string[]>();
        try
        {
            Progress("starting influxd");
            await using var influx = await InfluxPeer.StartAsync(influxd, Path.Combine(temp.FullName, "influxdb"), ports, children, http, cancel.Token);
            foreach (var rate in rates)
            {
                var duration = TimeSpan.FromSeconds(seconds);
                // nfcapd
                long nfSent, nfStored;
                double nfElapsed;
                await using (var peer = await NfcapdBenchPeer.StartAsync(nfcapd, Path.Combine(temp.FullName, $"nfcapd-{rate}"), ports, ReceiveBufferBytes, children, cancel.Token))
                {
                    Progress($"nfcapd at {rate:N0} records/s: replaying for {seconds} s");
                    var blast = await replayer.RunAsync(peer.Endpoint, rate, duration, cancel.Token);
                    await Task.Delay(1000, cancel.Token);
                    nfStored = await peer.StopAndCountAsync(nfdump, cancel.Token);
                    nfSent = blast.Sent * FlowExportStream.RecordsPerDatagram;
                    nfElapsed = blast.Elapsed.TotalSeconds;
                    Progress($"nfcapd: sent {nfSent:N0}, stored {nfStored:N0}");
                }
                // NetOps
                long noSent, noStored;
                double noElapsed;
                ProcessUsage usage;
                await using (var peer = await NetOpsFlowPeer.StartAsync(host.DllPath, Path.Combine(temp.FullName, $"netops-{rate}"), influx.Url, $"flows_{rate}", ports, children, http, cancel.Token))
                {
                    Progress($"NetOps at {rate:N0} records/s: replaying for {seconds} s");
                    await using var sampler = ProcessSampler.Start(peer.Process);
                    var blast = await replayer.RunAsync(peer.Endpoint, rate, duration, cancel.Token);
                    noStored = await peer.WaitUntilStoredAsync(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(120), cancel.Token);
                    usage = await sampler.StopAsync();
                    await peer.StopAsync();
                    noSent = blast.Sent * FlowExportStream.RecordsPerDatagram;
                    noElapsed = blast.Elapsed.TotalSeconds;
                    Progress($"NetOps: sent {noSent:N0}, stored {noStored:N0}");
                }
                double nfShare = nfSent > 0 ? (double)nfStored / nfSent : 0, noShare = noSent > 0 ? (double)noStored / noSent : 0;
                rows.Add(
                [
                    rate.ToString("N0", CultureInfo.InvariantCulture),
                    $"{nfSent / nfElapsed:N0}",
                    $"{nfStored:N0} ({nfShare:P2})", $"{nfSent - nfStored:N0}",
                    $"{noStored:N0} ({noShare:P2})", $"{noSent - noStored:N0}",
                    $"{usage.PeakRssBytes / (1024.0 * 1024):N0} MB",
                    nfShare > 0 ? $"{noShare / nfShare:0.00}x" : "-",
                ]);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("bench flows: interrupted");
            return 130;
        }
        catch (PeerStartException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        finally
        {
            children.KillAll();
            if (!keep) { try { temp.Delete(true); } catch (IOException) { } }
        }

        Console.WriteLine();
        Console.WriteLine($"NetOps flow ingest benchmark: one NetFlow v9 stream ({FlowExportStream.RecordsPerDatagram} records per datagram, template every 50), " +
                          $"replayed over UDP to 127.0.0.1, {seconds} s per rate and peer; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("nfcapd: nfdump 1.7, stored = nfdump -I Flows. NetOps: Release host, --Roles=collector, AggregationSeconds=1, influxd on loopback; stored = sum(flow.flows)");
        Console.WriteLine();
        Console.Write(Render(["records/s", "offered", "nfcapd stored", "nfcapd lost", "NetOps stored", "NetOps lost", "NetOps peak RSS", "NetOps/nfcapd"], rows));
        Console.WriteLine("Target: NetOps/nfcapd >= 1.00x at every rate, and no record lost.");
        if (keep) Console.WriteLine($"Kept in {temp.FullName}");
        return 0;
    }

    private static string Render(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => c.PadLeft(widths[i]))) + " |");
        Line(header);
        sb.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var r in rows) Line(r);
        return sb.ToString();
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
