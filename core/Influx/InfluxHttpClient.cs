using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace NetOps.Core.Influx;

/// <summary><see cref="IInfluxClient"/> over <see cref="HttpClient"/> (a typed client; see <c>AddInflux</c>).</summary>
public sealed partial class InfluxHttpClient : IInfluxClient
{
    private readonly HttpClient _http;
    private readonly InfluxOptions _options;

    public InfluxHttpClient(HttpClient http, IOptions<InfluxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _http.BaseAddress ??= new Uri(_options.Url.EndsWith('/') ? _options.Url : _options.Url + "/");
        _http.Timeout = TimeSpan.FromMilliseconds(_options.TimeoutMs);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            // InfluxDB 1.x accepts basic auth as well as u/p parameters; a header keeps the password out of URLs and logs.
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.Username + ":" + (_options.Password ?? "")));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    /// <summary>The server this client talks to.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<InfluxWriteResult> WriteAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"write?db={Uri.EscapeDataString(_options.Database)}&precision=ns");
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        request.Content = content;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return new InfluxWriteResult(InfluxWriteOutcome.Written, response.StatusCode, null);
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            return Classify(response.StatusCode, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            return new InfluxWriteResult(InfluxWriteOutcome.Retryable, null, "timed out after " + _options.TimeoutMs + " ms: " + ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return new InfluxWriteResult(InfluxWriteOutcome.Retryable, ex.StatusCode, ex.Message);
        }
        catch (IOException ex)
        {
            return new InfluxWriteResult(InfluxWriteOutcome.Retryable, null, ex.Message);
        }
    }

    /// <summary>Sorts a failed write: only a refusal of the data itself is permanent.</summary>
    public static InfluxWriteResult Classify(HttpStatusCode status, string? error)
    {
        // 400 (malformed points, field type conflict, partial write) and 413 (body too large) are about the data:
        // resending the same bytes gets the same answer. Everything else (5xx, 429, 401/403, 404 "database not
        // found") is about the server or its configuration, which an operator can fix while the data waits.
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            int? dropped = null;
            if (error is not null && DroppedPattern().Match(error) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, out var n)) dropped = n;
            return new InfluxWriteResult(InfluxWriteOutcome.Permanent, status, error, dropped);
        }
        return new InfluxWriteResult(InfluxWriteOutcome.Retryable, status, error);
    }

    public async Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(influxQl);
        using var doc = await PostQueryAsync(influxQl, _options.Database, cancellationToken).ConfigureAwait(false);
        var result = ParseQueryResult(doc.RootElement);
        foreach (var s in result.Statements)
        {
            if (s.Error is not null) throw new InfluxException($"InfluxQL statement {s.StatementId} failed: {s.Error}", isRetryable: false);
        }
        return result;
    }

    public async Task<InfluxPing> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("ping", cancellationToken).ConfigureAwait(false);
            var version = response.Headers.TryGetValues("X-Influxdb-Version", out var v) ? v.FirstOrDefault() : null;
            return response.StatusCode == HttpStatusCode.NoContent
                ? new InfluxPing(true, version, null)
                : new InfluxPing(false, version, $"/ping answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            return new InfluxPing(false, null, ex.Message);
        }
    }

    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        using var doc = await PostQueryAsync("CREATE DATABASE " + QuoteIdentifier(database), null, cancellationToken).ConfigureAwait(false);
        foreach (var s in ParseQueryResult(doc.RootElement).Statements)
        {
            if (s.Error is not null) throw new InfluxException($"CREATE DATABASE {database} failed: {s.Error}", isRetryable: false);
        }
    }

    /// <summary>Quotes an InfluxQL identifier (database, measurement, tag or field name).</summary>
    public static string QuoteIdentifier(string name) =>
        "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Quotes an InfluxQL string literal (a tag value in a WHERE clause).</summary>
    public static string QuoteString(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private async Task<JsonDocument> PostQueryAsync(string q, string? database, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("q", q), new("epoch", "ns") };
        if (database is not null) form.Add(new("db", database));
        using var content = new FormUrlEncodedContent(form);
        try
        {
            using var response = await _http.PostAsync("query", content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                bool retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
                throw new InfluxException($"InfluxDB /query answered {(int)response.StatusCode}: {error}", retryable, response.StatusCode);
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxException("InfluxDB /query timed out", true, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxException("InfluxDB /query failed: " + ex.Message, true, ex.StatusCode, ex);
        }
    }

    /// <summary>Reads a <c>/query</c> answer (what the client does with the body; a fake client in tests too).</summary>
    public static InfluxQueryResult ParseQueryResult(JsonElement root)
    {
        var statements = new List<InfluxStatementResult>();
        if (root.TryGetProperty("error", out var topError)) return new([new InfluxStatementResult(0, [], topError.GetString())]);
        if (!root.TryGetProperty("results", out var results)) return new(statements);
        foreach (var r in results.EnumerateArray())
        {
            int id = r.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : statements.Count;
            string? error = r.TryGetProperty("error", out var e) ? e.GetString() : null;
            var series = new List<InfluxSeries>();
            if (r.TryGetProperty("series", out var sArr))
            {
                foreach (var s in sArr.EnumerateArray())
                {
                    var name = s.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                    var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (s.TryGetProperty("tags", out var t))
                        foreach (var p in t.EnumerateObject()) tags[p.Name] = p.Value.GetString() ?? "";
                    var columns = new List<string>();
                    if (s.TryGetProperty("columns", out var c))
                        foreach (var col in c.EnumerateArray()) columns.Add(col.GetString() ?? "");
                    var values = new List<IReadOnlyList<JsonElement>>();
                    if (s.TryGetProperty("values", out var v))
                        foreach (var row in v.EnumerateArray()) values.Add(row.EnumerateArray().Select(x => x.Clone()).ToArray());
                    series.Add(new InfluxSeries(name, tags, columns, values));
                }
            }
            statements.Add(new InfluxStatementResult(id, series, error));
        }
        return new(statements);
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try { body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false); }
        catch (Exception ex) when (ex is HttpRequestException or IOException) { body = ""; }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.GetString() is { } s) body = s;
        }
        catch (JsonException) { }
        if (body.Length > 500) body = body[..500] + "…";
        return body.Length == 0 ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" : body;
    }

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();
}
