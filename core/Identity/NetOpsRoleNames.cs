namespace NetOps.Core.Identity;

/// <summary>The six roles of DESIGN.md ("People, roles and the HTTP API"). A person may hold several.</summary>
public static class NetOpsRoleNames
{
    public const string Admin = "admin";
    /// <summary>NOC: sees everything, acknowledges, silences, edits the inventory.</summary>
    public const string Operator = "operator";
    /// <summary>Receives pages, acknowledges.</summary>
    public const string OnCall = "oncall";
    /// <summary>Writes advisories.</summary>
    public const string Publisher = "publisher";
    /// <summary>Approves other people's advisories.</summary>
    public const string Approver = "approver";
    /// <summary>Reads everything, exports; changes nothing.</summary>
    public const string Auditor = "auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, OnCall, Publisher, Approver, Auditor];

    /// <summary>Parses <c>admin,operator</c>; throws <see cref="ArgumentException"/> naming an unknown role.</summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var roles = new List<string>();
        foreach (var raw in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = raw.ToLowerInvariant();
            if (!All.Contains(role)) throw new ArgumentException($"unknown role '{raw}' (expected {string.Join(", ", All)})");
            if (!roles.Contains(role)) roles.Add(role);
        }
        return roles;
    }
}
