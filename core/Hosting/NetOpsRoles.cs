namespace NetOps.Core.Hosting;

/// <summary>The roles one process can run (<c>--roles collector,analyzer,…</c>, key <c>Roles</c>).</summary>
[Flags]
public enum NetOpsRoles
{
    None = 0,
    Collector = 1,
    Analyzer = 2,
    Alerting = 4,
    Broadcast = 8,
    Dashboard = 16,
    All = Collector | Analyzer | Alerting | Broadcast | Dashboard,
}

public static class NetOpsRoleParser
{
    /// <summary>Parses a comma-separated role list; <c>all</c> or empty means every role.</summary>
    public static NetOpsRoles Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return NetOpsRoles.All;
        var roles = NetOpsRoles.None;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= raw.ToLowerInvariant() switch
            {
                "all" => NetOpsRoles.All,
                "collector" => NetOpsRoles.Collector,
                "analyzer" => NetOpsRoles.Analyzer,
                "alerting" => NetOpsRoles.Alerting,
                "broadcast" or "ceptoar" => NetOpsRoles.Broadcast,
                "dashboard" => NetOpsRoles.Dashboard,
                _ => throw new FormatException($"Roles: unknown role '{raw}' (expected collector, analyzer, alerting, broadcast, dashboard or all)"),
            };
        }
        return roles;
    }
}
