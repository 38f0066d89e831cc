using System.ComponentModel.DataAnnotations;

namespace NetOps.Core.State;

/// <summary><c>StateDb</c> section: the relational store of everything with a lifecycle.</summary>
public sealed class StateDbOptions
{
    public const string Section = "StateDb";

    /// <summary><c>StateDb:Provider</c>: <c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [Required, RegularExpression("^(sqlite|postgres|postgresql)$", ErrorMessage = "must be sqlite or postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary><c>StateDb:ConnectionString</c>; empty with sqlite means <c>DataDir/netops.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>StateDb:MigrateOnStart</c>: apply migrations at start (the default; <c>netops db migrate</c> does it by hand).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public StateDbProvider ParsedProvider => Provider.ToLowerInvariant() is "postgres" or "postgresql" ? StateDbProvider.Postgres : StateDbProvider.Sqlite;
}

public enum StateDbProvider { Sqlite, Postgres }
