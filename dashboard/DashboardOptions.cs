namespace NetOps.Dashboard;

/// <summary><c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    /// <summary><c>Dashboard:Url</c>: the UI, the HTTP API, <c>/health</c> and <c>/metrics</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";
}
