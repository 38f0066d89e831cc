using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MimeKit;
using NetOps.Bench.Alerting;
using NetOps.Bench.Ingest;
using NetOps.Ceptoar.Directory;
using NetOps.Ceptoar.Signing;
using NetOps.Core.Inventory;

namespace NetOps.Bench.Ceptoar;

/// <summary>
/// <c>bench broadcast [--connections 4,8] [--rate R] [--keep] [--no-build]</c>: a CEPTOAR broadcast end to end. The
/// Release host (roles broadcast, dashboard; SQLite state DB and a private influxd in a temp dir; a signing certificate
/// made here) sends to Postfix's <c>smtp-sink -c</c> on 127.0.0.1; one contact per body for all 1,788 bodies imported
/// through <c>POST /api/v1/directory/contacts</c>; an advisory created by a publisher, approved by an approver and sent.
/// Timed from the send request until <c>GET /api/v1/advisories/{id}/deliveries</c> says every row sent, and the sink's
/// counter must show 1,788 more mails. The send rate per 1 s, from the deliveries API and the sink polled every 100 ms;
/// beside it <c>smtp-source -s N -d</c> sending 1,788 messages of one signed mail's size to the same sink over the same
/// number of connections. One host per connection count (<c>Ceptoar:Delivery:Connections</c>); the rate
/// (<c>Ceptoar:Delivery:MessagesPerSecond</c>) is the host's default unless <c>--rate</c> says (0: unlimited).
/// Target: all 1,788 in under 10 s, and at least half smtp-source's rate.
/// </summary>
public static class BroadcastBenchHarness
{
    private const string Usage = "usage: bench broadcast [--connections 4[,8]] [--rate MAILS_PER_S] [--keep] [--no-build]";
    private const double TargetSeconds = 10, TargetRatio = 0.5;

    private sealed record Sample(double Seconds, int Sent, int AtSink);

    private sealed record Result(int Connections, string Rate, double Seconds, int Sent, int Failed, int AtSink, List<Sample> Samples, double SourceSeconds, int SourceAtSink)
    {
        public double MailsPerSecond => Sent / Seconds;
        public double SourceMailsPerSecond => SourceAtSink / SourceSeconds;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        int[] connections = [4];
        string? rate = null;
        bool keep = false, noBuild = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case "--connections" when i + 1 < args.Length:
                    try { connections = args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).Where(c => c is > 0 and <= 64).ToArray(); }
                    catch (FormatException) { Console.Error.WriteLine(Usage); return 2; }
                    if (connections.Length == 0) { Console.Error.WriteLine(Usage); return 2; }
                    break;
                case "--rate" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r >= 0: rate = args[++i]; break;
                case "--keep": keep = true; break;
                case "--no-build": noBuild = true; break;
                default: Console.Error.WriteLine($"bench broadcast: unexpected '{args[i]}'\n{Usage}"); return 2;
            }
        }

        string? influxd = InfluxPeer.FindBinary(), sink = Executables.Find("smtp-sink"), source = Executables.Find("smtp-source");
        if (influxd is null || sink is null || source is null) { Console.Error.WriteLine("bench broadcast: needs influxd and smtp-sink/smtp-source (postfix); ./netops ensure_deps bench"); return 2; }
        var host = NetOpsHost.Locate();
        if (host is null) { Console.Error.WriteLine("bench broadcast: repository not found (run from the checkout)"); return 2; }
        if (!noBuild && host.IsStale())
        {
            Progress("building the NetOps host (Release)");
            if (await host.BuildAsync(CancellationToken.None) is { } errors) { Console.Error.WriteLine(errors); return 1; }
        }

        var children = new ChildProcessSet();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4 * connections.Length));
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (cancel.IsCancellationRequested) { children.KillAll(); Environment.Exit(130); }
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var temp = Directory.CreateTempSubdirectory("netops-bench-broadcast-");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ports = new PortAllocator();
        var wall = Stopwatch.StartNew();
        try
        {
            var (certPath, keyPath) = CeptoarBenchHarness.MakeCertificate(temp.FullName);
            var signer = new AdvisorySigner(Options.Create(new SigningOptions { CertificatePath = certPath, KeyPath = keyPath }), TimeProvider.System);
            var sample = new AdvisoryMailFactory().Build(0);
            signer.Sign(sample);
            using var counter = new MemoryStream();
            sample.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, counter);
            long mailBytes = counter.Length;

            Progress("starting influxd and smtp-sink");
            await using var influx = await InfluxPeer.StartAsync(influxd, Path.Combine(temp.FullName, "influxdb"), ports, children, http, cancel.Token);
            await using var smtp = CountingSmtpSink.Start(sink, ports.Next());
            if (!await ListeningAsync(smtp.Port, TimeSpan.FromSeconds(5), cancel.Token)) { Console.Error.WriteLine("bench broadcast: smtp-sink did not listen"); return 1; }
            var inventory = Path.Combine(temp.FullName, "inventory.json");
            new SiteInventory([new Site { Code = "000000", Name = "LGWAN全国センター", Prefecture = "00" }]).Save(inventory);

            var results = new List<Result>();
            foreach (var n in connections)
            {
                Progress($"starting NetOps (roles broadcast, dashboard; Ceptoar:Delivery:Connections={n}{(rate is null ? "" : $", MessagesPerSecond={rate}")})");
                string[] extra =
                [
                    "--Roles=broadcast,dashboard", $"--Smtp:From={AdvisoryMailFactory.From}",
                    $"--Ceptoar:Signing:CertificatePath={certPath}", $"--Ceptoar:Signing:KeyPath={keyPath}",
                    $"--Ceptoar:Delivery:Connections={n.ToString(CultureInfo.InvariantCulture)}",
                    .. rate is null ? Array.Empty<string>() : [$"--Ceptoar:Delivery:MessagesPerSecond={rate}"],
                ];
                await using var netops = await AlertingHostPeer.StartAsync(host.DllPath, Path.Combine(temp.FullName, $"netops-{n}"), influx.Url, inventory, smtp.Port,
                    extra, ports, children, http, cancel.Token);
                await netops.AddUserAsync("pub1", "publisher", null, cancel.Token);
                await netops.AddUserAsync("appr1", "approver", null, cancel.Token);
                string publisher = await netops.TokenAsync("pub1", cancel.Token), approver = await netops.TokenAsync("appr1", cancel.Token);
                using var api = new HttpClient { BaseAddress = netops.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
                var result = await BroadcastAsync(api, publisher, approver, smtp, n, rate ?? $"default ({new NetOps.Ceptoar.Delivery.DeliveryOptions().MessagesPerSecond.ToString(CultureInfo.InvariantCulture)})", cancel.Token);
                if (result is null) { Console.Error.WriteLine($"bench broadcast: the end of NetOps' log ({netops.LogPath}):\n{netops.Tail(30)}"); return 1; }

                Progress($"smtp-source -s {n} -d: 1,788 messages of {mailBytes:N0} bytes");
                int before = smtp.Count;
                double sourceSeconds = await SmtpSourceAsync(source, smtp.Port, n, BodyDirectory.Shipped.Bodies.Count, mailBytes, cancel.Token);
                await Task.Delay(100, cancel.Token);
                results.Add(result with { SourceSeconds = sourceSeconds, SourceAtSink = smtp.Count - before });
            }

            Console.WriteLine();
            Console.WriteLine($"NetOps broadcast benchmark: the host (Release, roles broadcast+dashboard, SQLite state DB) → smtp-sink -c on 127.0.0.1; " +
                              $"1,788 bodies, one contact each; S/MIME signed mail {mailBytes:N0} bytes; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            foreach (var r in results)
            {
                Console.WriteLine();
                Console.WriteLine($"Connections {r.Connections}, MessagesPerSecond {r.Rate}: mails/s per 1 s from the send request");
                Console.WriteLine($"{"second",6} {"sent (API)",11} {"at sink",8}");
                foreach (var (second, api, atSink) in Buckets(r.Samples))
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{second,6} {api,11:N0} {atSink,8:N0}"));
            }
            Console.WriteLine();
            Console.WriteLine($"{"1,788 mails to smtp-sink",-44} {"conns",5} {"seconds",8} {"mails/s",8} {"at sink",8} {"ratio",7}");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{$"smtp-source -s {r.Connections} -d (Postfix)",-44} {r.Connections,5} {r.SourceSeconds,8:0.000} {r.SourceMailsPerSecond,8:N0} {r.SourceAtSink,8:N0} {1,6:0.00}x"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{$"NetOps send → deliveries all sent, rate {r.Rate}",-44} {r.Connections,5} {r.Seconds,8:0.000} {r.MailsPerSecond,8:N0} {r.AtSink,8:N0} {r.MailsPerSecond / r.SourceMailsPerSecond,6:0.00}x"));
            }
            Console.WriteLine();
            bool allMet = true;
            foreach (var r in results)
            {
                bool fast = r.Seconds < TargetSeconds && r.Sent == 1788 && r.AtSink == 1788, half = r.MailsPerSecond >= TargetRatio * r.SourceMailsPerSecond;
                allMet &= fast && half;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Connections {r.Connections}: target all 1,788 in < {TargetSeconds:0} s: {(fast ? "yes" : "NO")} ({r.Seconds:0.00} s, {r.Sent:N0} sent, {r.Failed:N0} failed, {r.AtSink:N0} at the sink); " +
                    $"≥ {TargetRatio:0.0} of smtp-source's rate: {(half ? "yes" : "NO")} ({r.MailsPerSecond / r.SourceMailsPerSecond:0.00})"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run time {wall.Elapsed.TotalSeconds:0} s"));
            return allMet ? 0 : 1;
        }
        catch (PeerStartException e)
        {
            Console.Error.WriteLine($"bench broadcast: {e.Message}");
            return 1;
        }
        finally
        {
            children.KillAll();
            if (keep) Progress($"kept {temp.FullName}");
            else try { temp.Delete(true); } catch (IOException) { }
        }
    }

    private static async Task<Result?> BroadcastAsync(HttpClient api, string publisher, string approver, CountingSmtpSink smtp, int connections, string rate, CancellationToken cancellationToken)
    {
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", publisher);
        var csv = new StringBuilder("code,address,role\n");
        foreach (var b in BodyDirectory.Shipped.Bodies) csv.Append(CultureInfo.InvariantCulture, $"{b.Code},joho@b{b.Code}.example.lg.jp,情報政策課\n");
        using (var import = await api.PostAsync("api/v1/directory/contacts", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), cancellationToken))
            if (!import.IsSuccessStatusCode) { Console.Error.WriteLine($"bench broadcast: contacts import: {(int)import.StatusCode} {await import.Content.ReadAsStringAsync(cancellationToken)}"); return null; }
        long id;
        using (var created = await api.PostAsJsonAsync("api/v1/advisories", new
               {
                   title = "VPN 装置の認証回避の脆弱性(CVE-2026-0000)について",
                   body = "複数の自治体で利用されている SSL-VPN 装置に、認証を回避して管理画面に接続できる脆弱性が公表されました。該当する装置をお使いの場合は、直ちに修正版へ更新し、管理者アカウントのパスワードを変更してください。",
                   severity = "warning", tlp = "clear", source = "NISC", recipients = "all",
               }, cancellationToken))
        {
            if (!created.IsSuccessStatusCode) { Console.Error.WriteLine($"bench broadcast: create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(cancellationToken)}"); return null; }
            id = JsonNode.Parse(await created.Content.ReadAsStringAsync(cancellationToken))!["id"]!.GetValue<long>();
        }
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", approver);
        using (var approved = await api.PostAsync($"api/v1/advisories/{id}/approve", null, cancellationToken))
            if (!approved.IsSuccessStatusCode) { Console.Error.WriteLine($"bench broadcast: approve: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync(cancellationToken)}"); return null; }
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", publisher);

        Progress($"advisory {id} approved; sending to 1,788 contacts over {connections} connections");
        int sinkBefore = smtp.Count;
        var samples = new List<Sample> { new(0, 0, 0) };
        var clock = Stopwatch.StartNew();
        using (var send = await api.PostAsJsonAsync($"api/v1/advisories/{id}/send", new { }, cancellationToken))
            if (!send.IsSuccessStatusCode) { Console.Error.WriteLine($"bench broadcast: send: {(int)send.StatusCode} {await send.Content.ReadAsStringAsync(cancellationToken)}"); return null; }
        JsonNode report;
        while (true)
        {
            report = JsonNode.Parse(await api.GetStringAsync($"api/v1/advisories/{id}/deliveries", cancellationToken))!;
            double at = clock.Elapsed.TotalSeconds;
            samples.Add(new Sample(at, report["sent"]!.GetValue<int>(), smtp.Count - sinkBefore));
            if (report["pending"]!.GetValue<int>() == 0 && report["state"]!.GetValue<string>() == "sent") break;
            if (at > 120) { Console.Error.WriteLine($"bench broadcast: still pending after 120 s: {report.ToJsonString()}"); return null; }
            await Task.Delay(100, cancellationToken);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(200, cancellationToken); // the sink's counter is written after its 250; let the last ones land
        return new Result(connections, rate, seconds, report["sent"]!.GetValue<int>(), report["failed"]!.GetValue<int>(), smtp.Count - sinkBefore, samples, 0, 0);
    }

    /// <summary>Mails per 1 s bucket from the samples, by interpolating the counts at each whole second.</summary>
    private static IEnumerable<(int Second, int Api, int AtSink)> Buckets(List<Sample> samples)
    {
        static int At(List<Sample> s, double t, Func<Sample, int> value)
        {
            var last = s[0];
            foreach (var x in s)
            {
                if (x.Seconds >= t) return x == last ? value(x) : (int)Math.Round(value(last) + (value(x) - value(last)) * (t - last.Seconds) / (x.Seconds - last.Seconds));
                last = x;
            }
            return value(last);
        }
        int seconds = (int)Math.Ceiling(samples[^1].Seconds);
        for (int i = 0; i < seconds; i++)
            yield return (i + 1, At(samples, i + 1, s => s.Sent) - At(samples, i, s => s.Sent), At(samples, i + 1, s => s.AtSink) - At(samples, i, s => s.AtSink));
    }

    private static async Task<double> SmtpSourceAsync(string source, int port, int connections, int count, long mailBytes, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(source) { RedirectStandardOutput = true, RedirectStandardError = true };
        // -s N parallel sessions, -d: each keeps its connection for its next message, as NetOps' pool does; -l: a signed mail's size.
        foreach (var a in new[] { "-s", connections.ToString(CultureInfo.InvariantCulture), "-d", "-m", count.ToString(CultureInfo.InvariantCulture),
                     "-l", mailBytes.ToString(CultureInfo.InvariantCulture), "-f", AdvisoryMailFactory.From, "-t", "joho@city.example.lg.jp", $"127.0.0.1:{port}" })
            info.ArgumentList.Add(a);
        long started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start smtp-source");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        await stdout;
        await process.WaitForExitAsync(cancellationToken);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"smtp-source exited {process.ExitCode}: {stderr.Trim()}");
        return seconds;
    }

    private static async Task<bool> ListeningAsync(int port, TimeSpan within, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < within)
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try { await socket.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), cancellationToken); return true; }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(50, cancellationToken); }
        }
        return false;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"bench broadcast: {message}");
}
