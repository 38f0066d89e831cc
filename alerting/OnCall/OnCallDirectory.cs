using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetOps.Alerting.Dispatch;
using NetOps.Alerting.Store;

namespace NetOps.Alerting.OnCall;

/// <summary>
/// The on-call setup dispatch works from now: <c>Alerting:OnCall</c> with what people put through the UI or the API
/// laid over it (<see cref="OnCallStore"/>), reloaded when the stored documents change, on any node.
/// </summary>
public sealed partial class OnCallDirectory
{
    private readonly OnCallStore _store;
    private readonly ILogger<OnCallDirectory> _logger;
    private OnCallSetup _setup;
    private (int, DateTimeOffset?) _stamp = (0, null);

    public OnCallDirectory(IOptions<AlertingOptions> options, OnCallStore store, ILogger<OnCallDirectory> logger)
    {
        _store = store;
        _logger = logger;
        var (setup, errors) = options.Value.OnCall.Compile(TimeZones.Find);
        // The options validator has stopped the start already when there are errors.
        _setup = setup ?? throw new InvalidOperationException(string.Join("; ", errors));
        store.Changed += () => _stamp = (-1, null);
    }

    public OnCallSetup Current => Volatile.Read(ref _setup);

    /// <summary>Reloads the setup when the stored documents changed since the last look (cheap when they did not).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var stamp = await _store.StampAsync(cancellationToken);
        if (stamp == _stamp) return;
        var (setup, errors) = await _store.CompileAsync(cancellationToken);
        if (setup is null)
        {
            // The store refuses a document that does not compile; a seed changed under stored documents can still break it.
            KeptOld(_logger, string.Join("; ", errors));
        }
        else Volatile.Write(ref _setup, setup);
        _stamp = stamp;
    }

    /// <summary>The people a step notifies at <paramref name="now"/>: its users and whoever its schedule says is on call.</summary>
    public IReadOnlyList<string> Recipients(EscalationStep step, DateTimeOffset now)
    {
        var users = new List<string>(step.Users);
        if (step.Schedule is { } name && Current.Schedules.TryGetValue(name, out var schedule)) users.Add(schedule.OnCallAt(now));
        return users.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The route that takes <paramref name="labels"/>, with its group key; null when no route does.</summary>
    public (Route Route, GroupKey Key)? Route(IReadOnlyDictionary<string, string> labels) => Current.Routes.Match(labels);

    [LoggerMessage(1531, LogLevel.Error, "The stored on-call setup does not compile; dispatch keeps the previous one: {Errors}")]
    private static partial void KeptOld(ILogger logger, string errors);
}
