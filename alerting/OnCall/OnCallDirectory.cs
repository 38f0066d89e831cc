using Microsoft.Extensions.Options;
using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.OnCall;

/// <summary>The on-call setup dispatch works from now: schedules, policies and routes (seeded by <c>Alerting:OnCall</c>).</summary>
public sealed class OnCallDirectory
{
    private OnCallSetup _setup;

    public OnCallDirectory(IOptions<AlertingOptions> options)
    {
        var (setup, errors) = options.Value.OnCall.Compile(TimeZones.Find);
        // The options validator has stopped the start already when there are errors.
        _setup = setup ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    public OnCallSetup Current => Volatile.Read(ref _setup);

    /// <summary>Replaces the setup (the UI or the API changed it).</summary>
    public void Replace(OnCallSetup setup) => Volatile.Write(ref _setup, setup);

    /// <summary>The people a step notifies at <paramref name="now"/>: its users and whoever its schedule says is on call.</summary>
    public IReadOnlyList<string> Recipients(EscalationStep step, DateTimeOffset now)
    {
        var users = new List<string>(step.Users);
        if (step.Schedule is { } name && Current.Schedules.TryGetValue(name, out var schedule)) users.Add(schedule.OnCallAt(now));
        return users.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The route that takes <paramref name="labels"/>, with its group key; null when no route does.</summary>
    public (Route Route, GroupKey Key)? Route(IReadOnlyDictionary<string, string> labels) => Current.Routes.Match(labels);
}
