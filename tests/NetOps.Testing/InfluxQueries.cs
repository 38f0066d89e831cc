using System.Text.Json;
using NetOps.Core.Influx;

namespace NetOps.Testing;

/// <summary>Small InfluxQL helpers for tests.</summary>
public static class InfluxQueries
{
    /// <summary><c>SELECT count(field) FROM measurement</c>; 0 when the measurement is empty.</summary>
    public static async Task<long> CountAsync(this IInfluxClient client, string measurement, string field, CancellationToken cancellationToken = default)
    {
        var result = await client.QueryAsync(
            $"SELECT count({InfluxHttpClient.QuoteIdentifier(field)}) FROM {InfluxHttpClient.QuoteIdentifier(measurement)}", cancellationToken);
        var row = result.Rows().FirstOrDefault();
        return row is null ? 0 : row["count"].GetInt64();
    }

    /// <summary><c>SELECT count(distinct(field)) FROM measurement</c>.</summary>
    public static async Task<long> CountDistinctAsync(this IInfluxClient client, string measurement, string field, CancellationToken cancellationToken = default)
    {
        var result = await client.QueryAsync(
            $"SELECT count(distinct({InfluxHttpClient.QuoteIdentifier(field)})) FROM {InfluxHttpClient.QuoteIdentifier(measurement)}", cancellationToken);
        var row = result.Rows().FirstOrDefault();
        return row is null ? 0 : row["count"].GetInt64();
    }

    /// <summary><c>SELECT * FROM measurement GROUP BY *</c>: every row, with its tags.</summary>
    public static async Task<List<IReadOnlyDictionary<string, JsonElement>>> SelectAllAsync(this IInfluxClient client, string measurement, CancellationToken cancellationToken = default)
    {
        var result = await client.QueryAsync($"SELECT * FROM {InfluxHttpClient.QuoteIdentifier(measurement)} GROUP BY *", cancellationToken);
        return result.Rows().ToList();
    }
}
