using System.Globalization;
using NetOps.Collector.Capture;
using NetOps.Core.Hosting;
using NetOps.Core.Influx;

namespace NetOps.Dashboard.Hosting;

/// <summary>
/// <c>netops replay FILE [--site CODE] [--sensor NAME] [--pace max|recorded] [--config FILE] [--Key=value …]</c>:
/// reads a pcap/pcapng file through the capture pipeline, waits until every point is in InfluxDB, prints a summary.
/// Exit codes: 0 done; 2 bad arguments or configuration; 3 the file is damaged (what could be read was written);
/// 4 InfluxDB did not take the points in time (they stay in the spool for the next start).
/// </summary>
public static class ReplayCommand
{
    public const string Verb = "replay";

    private const string Usage = "usage: netops replay FILE [--site CODE] [--sensor NAME] [--pace max|recorded] [--config FILE] [--Key=value ...]";

    /// <summary>How long to wait for InfluxDB to take the last points.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        string? file = null, site = null, sensor = null;
        var pace = ReplayPace.Max;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string? Value(string name)
            {
                if (a.StartsWith(name + "=", StringComparison.Ordinal)) return a[(name.Length + 1)..];
                if (a != name) return null;
                if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value");
                return args[++i];
            }
            try
            {
                if (Value("--site") is { } s) site = s;
                else if (Value("--sensor") is { } n) sensor = n;
                else if (Value("--pace") is { } p)
                    pace = p switch
                    {
                        "max" => ReplayPace.Max,
                        "recorded" => ReplayPace.Recorded,
                        _ => throw new ArgumentException($"--pace must be max or recorded, not '{p}'"),
                    };
                else if (a is "-h" or "--help") { Console.WriteLine(Usage); return 0; }
                else if (a == "--config" && i + 1 < args.Length) { rest.Add(a); rest.Add(args[++i]); }
                else if (a.StartsWith("--", StringComparison.Ordinal)) rest.Add(a);
                else if (file is null) file = a;
                else throw new ArgumentException($"unexpected argument '{a}'");
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"netops replay: {e.Message}\n{Usage}");
                return 2;
            }
        }
        if (file is null)
        {
            Console.Error.WriteLine($"netops replay: which file?\n{Usage}");
            return 2;
        }
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"netops replay: {file}: no such file");
            return 1;
        }
        if (site is not null) rest.Add($"--{CaptureOptions.Section}:Site={site}");
        if (sensor is not null) rest.Add($"--{CaptureOptions.Section}:Sensor={sensor}");

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        IHost? host = null;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.AddNetOpsConfiguration(rest.ToArray());
            builder.AddNetOpsCore();
            builder.AddCaptureReplay();
            host = builder.Build();
            await host.StartAsync(cancel.Token);

            var summary = await host.Services.GetRequiredService<CaptureReplayer>().ReplayAsync(new ReplayRequest(file, pace), cancel.Token);
            int code = summary.Damage is null ? 0 : 3;
            using (var sent = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token))
            {
                sent.CancelAfter(SendTimeout);
                try
                {
                    await host.Services.GetRequiredService<PointWriter>().WaitUntilSentAsync(sent.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"netops replay: InfluxDB did not take every point within {SendTimeout.TotalSeconds} s; the rest is in the spool and will be written at the next start"));
                    code = 4;
                }
            }
            Console.Write(summary.ToString());
            if (summary.Damage is not null) Console.Error.WriteLine($"netops replay: {file} is damaged: {summary.Damage}");
            return code;
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"netops replay: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("netops replay: interrupted");
            return 130;
        }
        catch (Exception e) when (StartupErrors.IsConfigurationError(e))
        {
            Console.Error.WriteLine($"netops replay: cannot start: {StartupErrors.Describe(e)}");
            return 2;
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }
}
