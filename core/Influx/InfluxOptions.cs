using System.ComponentModel.DataAnnotations;

namespace NetOps.Core.Influx;

/// <summary><c>Influx</c> section: the InfluxDB server and the write pipeline.</summary>
public sealed class InfluxOptions
{
    /// <summary><c>Influx:Url</c>.</summary>
    [Required] public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary><c>Influx:Database</c>.</summary>
    [Required] public string Database { get; set; } = "netops";

    /// <summary><c>Influx:Username</c> and <c>Influx:Password</c>, when InfluxDB has authentication on.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary><c>Influx:CreateDatabase</c>: create the database at start if it is missing.</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary><c>Influx:BatchSize</c>: points per write.</summary>
    [Range(1, 1_000_000)] public int BatchSize { get; set; } = 5000;

    /// <summary><c>Influx:FlushIntervalMs</c>: a batch is closed and put on disk at least this often.</summary>
    [Range(10, 60_000)] public int FlushIntervalMs { get; set; } = 1000;

    /// <summary><c>Influx:QueueCapacity</c>: points held in memory before writers wait (or drop, for UDP).</summary>
    [Range(1, 10_000_000)] public int QueueCapacity { get; set; } = 200_000;

    /// <summary><c>Influx:TimeoutMs</c>: one write request's timeout.</summary>
    [Range(100, 600_000)] public int TimeoutMs { get; set; } = 10_000;

    /// <summary><c>Influx:Gzip</c>: compress write bodies.</summary>
    public bool Gzip { get; set; } = true;

    /// <summary><c>Influx:Spool:MaxBytes</c>: disk spool limit; when full, writers wait and UDP input is dropped and counted.</summary>
    [Range(1024, long.MaxValue)] public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary><c>Influx:SpoolDir</c>: spool directory; default <c>DataDir/spool</c>.</summary>
    public string? SpoolDir { get; set; }

    /// <summary>Validates <see cref="Url"/>; returns an error naming the key, or null.</summary>
    public string? ValidateUrl()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return $"Influx:Url '{Url}' is not an http:// or https:// URL";
        return null;
    }
}
