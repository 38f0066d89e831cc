using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Analyzer.Anomaly;
using NetOps.Analyzer.Attacks;
using NetOps.Analyzer.Windows;
using NetOps.Core.Detections;
using NetOps.Core.Influx;
using NetOps.Core.Inventory;

namespace NetOps.Integration.Tests.Attacks;

/// <summary>
/// The attack detectors as <c>AddAttackDetectors</c> composes them, reading a real InfluxDB database, and a runner
/// that gives them consecutive windows with the state carried over, as the scheduled job does.
/// </summary>
internal sealed class AttackRunner : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpClient _http = new();
    private readonly Dictionary<string, string?> _states = new(StringComparer.Ordinal);

    /// <param name="inventory">When given, the traffic anomaly detector runs too (it needs the exporters' lines).</param>
    public AttackRunner(string influxUrl, string database, Dictionary<string, string?>? settings = null, SiteInventory? inventory = null)
    {
        Client = new InfluxHttpClient(_http, Microsoft.Extensions.Options.Options.Create(new InfluxOptions { Url = influxUrl, Database = database }));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IInfluxClient>(Client);
        services.AddAttackDetectors();
        if (inventory is not null)
        {
            services.AddSingleton<IInventorySource>(inventory);
            services.AddAnomalyDetection();
        }
        _services = services.BuildServiceProvider();
    }

    public InfluxHttpClient Client { get; }

    public IWindowDetector Detector(string name) => _services.GetServices<IWindowDetector>().Single(d => d.Name == name);

    /// <summary>The detector's state after the windows run so far.</summary>
    public string? State(string name) => _states.GetValueOrDefault(name);

    /// <summary>Runs <paramref name="name"/> over [from, to) in windows of <paramref name="step"/>; every detection, in order.</summary>
    public async Task<List<Detection>> RunAsync(string name, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        var detector = Detector(name);
        var all = new List<Detection>();
        for (var t = from; t < to; t += step)
        {
            var result = await detector.AnalyzeAsync(new AnalysisWindow(t, t + step), _states.GetValueOrDefault(name), CancellationToken.None);
            _states[name] = result.StateJson;
            all.AddRange(result.Detections);
        }
        return all;
    }

    public Task CreateDatabaseAsync(string database) => Client.CreateDatabaseAsync(database);

    /// <summary>Writes points straight to InfluxDB's /write through NetOps' client.</summary>
    public async Task WriteAsync(IEnumerable<Point> points)
    {
        foreach (var chunk in points.Chunk(5000))
        {
            var body = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', chunk.Select(LineProtocol.Encode)));
            var result = await Client.WriteAsync(body, gzip: false);
            Assert.True(result.IsWritten, result.ToString());
        }
    }

    /// <summary>The minute that holds <paramref name="t"/>.</summary>
    public static DateTimeOffset Minute(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    public void Dispose()
    {
        _services.Dispose();
        _http.Dispose();
    }
}
