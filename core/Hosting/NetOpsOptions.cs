using System.ComponentModel.DataAnnotations;

namespace NetOps.Core.Hosting;

/// <summary>Root options (keys at the configuration root).</summary>
public sealed class NetOpsOptions
{
    /// <summary><c>DataDir</c>: spool, SQLite and keys live here.</summary>
    [Required] public string DataDir { get; set; } = "./data";

    /// <summary><c>Roles</c>: comma-separated roles this process runs; empty means all.</summary>
    public string? Roles { get; set; }

    public NetOpsRoles ParsedRoles => NetOpsRoleParser.Parse(Roles);

    /// <summary>The absolute data directory.</summary>
    public string DataDirectory => Path.GetFullPath(DataDir);
}
