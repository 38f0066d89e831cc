using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetOps.Core.Metrics;
using Prometheus;

namespace NetOps.Core.Hosting;

/// <summary>
/// The long-running loops of this process, for <c>/health</c> (503 naming the part whose loop is not running or
/// failing) and <c>/metrics</c> (<c>netops_loop_failures_total{part,loop}</c>, <c>netops_loop_running{part,loop}</c>).
/// One per host, injected.
/// </summary>
public sealed class BackgroundLoops
{
    private readonly ConcurrentDictionary<(string, string), BackgroundLoop> _loops = new();
    private readonly ILogger _logger;
    private readonly Counter _failures;
    private readonly Gauge _running;

    public BackgroundLoops(NetOpsMetrics metrics, ILogger<BackgroundLoops>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _failures = metrics.Factory.CreateCounter("netops_loop_failures_total",
            "Unexpected exceptions met by a background loop (which logs them and carries on), by part and loop.",
            new CounterConfiguration { LabelNames = ["part", "loop"] });
        _running = metrics.Factory.CreateGauge("netops_loop_running",
            "1 while a background loop runs, 0 once it has ended.", new GaugeConfiguration { LabelNames = ["part", "loop"] });
    }

    /// <summary>The loop <paramref name="name"/> of <paramref name="part"/>; the same instance for the same names.</summary>
    public BackgroundLoop Register(string part, string name) =>
        _loops.GetOrAdd((part, name), k => new BackgroundLoop(k.Item1, k.Item2, _logger, _failures, _running));

    /// <summary>Every registered loop.</summary>
    public IReadOnlyCollection<BackgroundLoop> All => _loops.Values.ToList();
}
