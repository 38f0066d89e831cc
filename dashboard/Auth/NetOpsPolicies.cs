using Microsoft.AspNetCore.Authorization;
using NetOps.Core.Identity;

namespace NetOps.Dashboard.Auth;

/// <summary>
/// Who may do what, checked on the server for every page and endpoint (DESIGN.md "People, roles and the HTTP API").
/// A page or endpoint names one of these; everything else needs a signed-in user (the fallback policy).
/// </summary>
public static class NetOpsPolicies
{
    /// <summary>Any signed-in person, whatever their role.</summary>
    public const string SignedIn = "signed-in";
    /// <summary>Users, roles, tokens: admin.</summary>
    public const string ManageUsers = "manage-users";
    /// <summary>Edit the inventory: admin, operator.</summary>
    public const string EditInventory = "edit-inventory";
    /// <summary>Read the audit trail and export it: admin, auditor, operator.</summary>
    public const string ReadAudit = "read-audit";
    /// <summary>Edit the advisory directory's contacts: admin, publisher.</summary>
    public const string EditDirectory = "edit-directory";
    /// <summary>Write, send and cancel advisories: admin, publisher.</summary>
    public const string WriteAdvisories = "write-advisories";
    /// <summary>Approve other people's advisories: admin, approver.</summary>
    public const string ApproveAdvisories = "approve-advisories";
    /// <summary>Read advisories and their deliveries: admin, operator, publisher, approver, auditor (not oncall).</summary>
    public const string ReadAdvisories = "read-advisories";
    /// <summary>Acknowledge and resolve alerts: the NOC and whoever is paged.</summary>
    public const string ActOnAlerts = "act-on-alerts";
    /// <summary>Create and end silences and maintenance windows: the NOC (on-call staff acknowledge; they do not hide alerts from others).</summary>
    public const string Silence = "silence";
    /// <summary>Edit on-call schedules, escalation policies and routes: the NOC.</summary>
    public const string EditOnCall = "edit-oncall";
    /// <summary>Export the auditors' reports (incidents, statistics): admin, auditor, operator.</summary>
    public const string ExportReports = "export-reports";
    /// <summary>Post alerts as Prometheus does (<c>POST /api/v2/alerts</c>), with an operator's or admin's token.</summary>
    public const string PostAlerts = "post-alerts";
    /// <summary>Start and end failover drills.</summary>
    public const string RunDrills = "run-drills";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [ManageUsers] = [NetOpsRoleNames.Admin],
        [EditInventory] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator],
        [ReadAudit] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Auditor, NetOpsRoleNames.Operator],
        // the auditors' exports are theirs (issue 12): an operator who is not also an auditor may not
        [ExportReports] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Auditor],
        [RunDrills] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator],
        [EditDirectory] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Publisher],
        [WriteAdvisories] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Publisher],
        [ApproveAdvisories] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Approver],
        [ActOnAlerts] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator, NetOpsRoleNames.OnCall],
        [Silence] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator],
        [PostAlerts] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator],
        [EditOnCall] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator],
        [ReadAdvisories] = [NetOpsRoleNames.Admin, NetOpsRoleNames.Operator, NetOpsRoleNames.Publisher, NetOpsRoleNames.Approver, NetOpsRoleNames.Auditor],
    };

    public static void Configure(AuthorizationBuilder builder, string[] schemes)
    {
        var signedIn = new AuthorizationPolicyBuilder(schemes).RequireAuthenticatedUser().Build();
        builder.SetFallbackPolicy(signedIn);
        builder.SetDefaultPolicy(signedIn);
        builder.AddPolicy(SignedIn, signedIn);
        foreach (var (name, roles) in Roles)
            builder.AddPolicy(name, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser().RequireRole(roles));
    }
}
