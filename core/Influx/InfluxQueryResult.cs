using System.Text.Json;

namespace NetOps.Core.Influx;

/// <summary>The results of an InfluxQL request, one per statement.</summary>
public sealed class InfluxQueryResult
{
    public InfluxQueryResult(IReadOnlyList<InfluxStatementResult> statements) => Statements = statements;

    public IReadOnlyList<InfluxStatementResult> Statements { get; }

    /// <summary>Every series of every statement.</summary>
    public IEnumerable<InfluxSeries> Series => Statements.SelectMany(s => s.Series);

    /// <summary>Every row of every series as a dictionary (column → value), with the series' tags added as strings.</summary>
    public IEnumerable<IReadOnlyDictionary<string, JsonElement>> Rows() => Series.SelectMany(s => s.Rows());
}

/// <summary>One statement's series, or its error.</summary>
public sealed class InfluxStatementResult
{
    public InfluxStatementResult(int statementId, IReadOnlyList<InfluxSeries> series, string? error)
    {
        StatementId = statementId; Series = series; Error = error;
    }

    public int StatementId { get; }
    public IReadOnlyList<InfluxSeries> Series { get; }
    public string? Error { get; }
}

/// <summary>One series of a query result: name, group-by tags, columns and rows of values (times are ns integers).</summary>
public sealed class InfluxSeries
{
    public InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<JsonElement>> values)
    {
        Name = name; Tags = tags; Columns = columns; Values = values;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Tags { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyList<JsonElement>> Values { get; }

    /// <summary>The rows as dictionaries: column → value; group-by tags are added as string values unless a column has the same name.</summary>
    public IEnumerable<IReadOnlyDictionary<string, JsonElement>> Rows()
    {
        foreach (var row in Values)
        {
            var d = new Dictionary<string, JsonElement>(Columns.Count + Tags.Count, StringComparer.Ordinal);
            for (int i = 0; i < Columns.Count && i < row.Count; i++) d[Columns[i]] = row[i];
            foreach (var (k, v) in Tags) d.TryAdd(k, JsonSerializer.SerializeToElement(v));
            yield return d;
        }
    }
}
