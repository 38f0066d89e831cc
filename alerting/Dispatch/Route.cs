namespace NetOps.Alerting.Dispatch;

/// <summary>
/// One on-call route (DESIGN.md <c>PUT /api/v1/oncall/routes</c>): the alerts its matchers select go to
/// <see cref="Policy"/>, grouped by <see cref="GroupBy"/> with Alertmanager's three timings.
/// </summary>
public sealed record Route(
    IReadOnlyList<LabelMatcher> Matchers,
    string Policy,
    IReadOnlyList<string> GroupBy,
    GroupTimings Timings)
{
    /// <summary>The key of the aggregation group <paramref name="labels"/> belongs to on this route.</summary>
    public GroupKey GroupKeyFor(int routeIndex, IReadOnlyDictionary<string, string> labels) =>
        new(routeIndex, string.Join('\u001f', GroupBy.Select(name => $"{name}={LabelSet.Get(labels, name)}")));
}

/// <summary>Group wait (first notice), group interval (changes), repeat interval (still firing), as in Alertmanager.</summary>
public sealed record GroupTimings(TimeSpan GroupWait, TimeSpan GroupInterval, TimeSpan RepeatInterval)
{
    /// <summary>Alertmanager's defaults: 30 s, 5 min, 4 h.</summary>
    public static GroupTimings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));

    /// <summary>The first timing that cannot work, named by its DESIGN.md key; null when all can.</summary>
    public string? Validate()
    {
        if (GroupWait < TimeSpan.Zero) return "groupWaitSeconds must not be negative";
        if (GroupInterval <= TimeSpan.Zero) return "groupIntervalSeconds must be positive";
        if (RepeatInterval < GroupInterval) return "repeatIntervalMinutes must not be shorter than groupIntervalSeconds";
        return null;
    }
}

/// <summary>Which route an alert group belongs to and the values of its group-by labels.</summary>
public readonly record struct GroupKey(int Route, string Values)
{
    public override string ToString() => $"{Route}:{Values}";
}

/// <summary>The ordered routes: the first whose matchers all hold wins (DESIGN.md).</summary>
public sealed class RouteTable
{
    readonly IReadOnlyList<Route> _routes;

    public RouteTable(IReadOnlyList<Route> routes)
    {
        for (var i = 0; i < routes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(routes[i].Policy)) throw new ArgumentException($"route {i}: policy is empty", nameof(routes));
            if (routes[i].Timings.Validate() is { } error) throw new ArgumentException($"route {i}: {error}", nameof(routes));
        }
        _routes = routes;
    }

    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>The first matching route and its group key, or null when no route takes the alert (it still shows on the screen).</summary>
    public (Route Route, GroupKey Key)? Match(IReadOnlyDictionary<string, string> labels)
    {
        for (var i = 0; i < _routes.Count; i++)
            if (LabelMatcher.All(_routes[i].Matchers, labels))
                return (_routes[i], _routes[i].GroupKeyFor(i, labels));
        return null;
    }
}
