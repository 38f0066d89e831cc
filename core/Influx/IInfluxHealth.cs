namespace NetOps.Core.Influx;

/// <summary>Health of the InfluxDB path, for the host's <c>/health</c>.</summary>
public interface IInfluxHealth
{
    /// <summary>Healthy when InfluxDB answers a ping and the spool has room; the reason says what is wrong (or what is fine).</summary>
    Task<InfluxHealthStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>A health verdict and its reason.</summary>
public readonly record struct InfluxHealthStatus(bool Healthy, string Reason);
