using System.Text.Json;
using System.Text.Unicode;
using Json.Schema;
using NetOps.Ceptoar.Csaf.Mandatory;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Turns a CSAF 2.0 document into an <see cref="Advisories.AdvisoryDraft"/>, or says why not. In order: size and
/// JSON well-formedness (depth capped), <c>document.csaf_version</c> must be <c>"2.0"</c>, the CSAF 2.0 JSON schema
/// (with the CVSS schemas: their failures are test 6.1.8), then the mandatory tests of section 6.1. It never throws on
/// input; one instance is shared (the schema is built once).
/// </summary>
/// <example>
/// From <c>POST /api/v1/advisories/import</c> (the importer is a singleton from <c>AddCeptoar()</c>):
/// <code>
/// var result = await importer.ImportAsync(request.Body, cancellationToken);
/// return result.IsValid
///     ? Results.Created(..., await store.CreateDraftAsync(result.Draft, cancellationToken))
///     : Results.UnprocessableEntity(new { errors = result.Errors }); // each: path, rule, message
/// </code>
/// </example>
public sealed class CsafImporter(CsafSchema schema, CsafImportOptions? options = null)
{
    private readonly CsafImportOptions _options = options ?? new CsafImportOptions();

    // Flag output stops at the first failure; only a document that fails gets the second, detailed pass.
    private static readonly EvaluationOptions Verdict = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Details = new() { OutputFormat = OutputFormat.List };

    public CsafImportResult Import(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > _options.MaxDocumentBytes)
            return Reject("", "size", $"the document is {utf8Json.Length} bytes; at most {_options.MaxDocumentBytes} are accepted");

        // The reader checks UTF-8 only in what it must decode; JsonSchema.Net and GetString() would throw later on a bad
        // sequence inside a string, so the whole input is checked first.
        if (utf8Json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8Json = utf8Json[3..];
        if (!Utf8.IsValid(utf8Json)) return Reject("", "json", "the document is not valid UTF-8");

        if (Budget(utf8Json, out var values) is { } tooBig) return CsafImportResult.Rejected([tooBig]);

        JsonDocument document;
        try
        {
            // Duplicate names are refused: a validator that reads the first and a consumer that reads the last would
            // see two different documents.
            document = JsonDocument.Parse(utf8Json.ToArray(),
                new JsonDocumentOptions { MaxDepth = _options.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            return Reject("", "json", $"not JSON: {e.Message}");
        }

        using (document)
            return Import(document.RootElement, values);
    }

    /// <summary>
    /// One pass of the reader before anything is built: malformed JSON, too deep, too many values, or an array too
    /// long for the schema check's pairwise <c>uniqueItems</c>.
    /// </summary>
    private CsafError? Budget(ReadOnlySpan<byte> utf8Json, out int values)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        // Per depth: whether the container whose items sit at that depth is an array, and how many items it has.
        var isArray = new bool[_options.MaxDepth + 2];
        var items = new int[_options.MaxDepth + 2];
        values = 0;
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.PropertyName or JsonTokenType.Comment) continue;
                if (++values > _options.MaxValues)
                    return new CsafError("", "size", $"the document has more than {_options.MaxValues} JSON values");
                var depth = reader.CurrentDepth;
                if (isArray[depth] && ++items[depth] > _options.MaxArrayItems)
                    return new CsafError("", "size", $"an array has more than {_options.MaxArrayItems} items");
                if (token is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    isArray[depth + 1] = token == JsonTokenType.StartArray;
                    items[depth + 1] = 0;
                }
            }
        }
        catch (JsonException e)
        {
            return new CsafError("", "json", $"not JSON: {e.Message}");
        }
        return null;
    }

    /// <summary>Reads the whole stream (up to the size limit) and imports it.</summary>
    public async Task<CsafImportResult> ImportAsync(Stream utf8Json, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await utf8Json.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxDocumentBytes)
                return Reject("", "size", $"the document is larger than {_options.MaxDocumentBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return Import(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private CsafImportResult Import(JsonElement root, int values)
    {
        if (root.ValueKind != JsonValueKind.Object) return Reject("", "schema", "a CSAF document is a JSON object");
        var version = root.Obj("document")?.Prop("csaf_version");
        if (version is { ValueKind: JsonValueKind.String } v && v.GetString() != "2.0")
            return Reject("/document/csaf_version", "csaf_version",
                $"csaf_version '{Printable(v.GetString())}' is not supported; this importer reads CSAF 2.0 only");

        var errors = SchemaErrors(root, values);
        if (errors.Count == 0) errors.AddRange(MandatoryTests.Run(new CsafTestContext(root)));
        if (errors.Count > 0) return CsafImportResult.Rejected(Cap(errors));
        return CsafImportResult.Accepted(CsafDraftMapper.Map(root));
    }

    private List<CsafError> SchemaErrors(JsonElement root, int values)
    {
        var errors = new List<CsafError>();
        if (schema.Schema.Evaluate(root, Verdict).IsValid) return errors;
        // Listing every error costs tens of microseconds per failing value: a big document gets the verdict only.
        if (values > _options.MaxValuesForSchemaDetails)
        {
            errors.Add(new CsafError("", "schema",
                $"the document does not match the CSAF 2.0 schema (with {values} JSON values it is too big to list each error; at most {_options.MaxValuesForSchemaDetails})"));
            return errors;
        }
        var results = schema.Schema.Evaluate(root, Details);
        var seen = new HashSet<(string, string)>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.IsValid || detail.Errors is null) continue;
            var path = detail.InstanceLocation.ToString();
            foreach (var (keyword, message) in detail.Errors)
            {
                // A CVSS object that breaks FIRST's schema is the failure of mandatory test 6.1.8 (Invalid CVSS).
                var rule = IsCvssLocation(path) || detail.EvaluationPath.ToString().Contains("/cvss_v", StringComparison.Ordinal) ? "6.1.8" : "schema";
                if (seen.Add((path, message))) errors.Add(new CsafError(path, rule, $"{keyword}: {message}"));
            }
        }
        if (errors.Count == 0) errors.Add(new CsafError("", "schema", "the document does not match the CSAF 2.0 schema"));
        return errors;
    }

    /// <summary>/vulnerabilities/N/scores/M/cvss_v2 or cvss_v3, or anything inside it.</summary>
    private static bool IsCvssLocation(string path) =>
        path.StartsWith("/vulnerabilities/", StringComparison.Ordinal)
        && path.Contains("/scores/", StringComparison.Ordinal)
        && path.Contains("/cvss_v", StringComparison.Ordinal);

    private List<CsafError> Cap(List<CsafError> errors)
    {
        if (errors.Count <= _options.MaxErrors) return errors;
        var capped = errors.GetRange(0, _options.MaxErrors);
        capped.Add(new CsafError("", "limit", $"{errors.Count - _options.MaxErrors} more errors not shown"));
        return capped;
    }

    private static CsafImportResult Reject(string path, string rule, string message) =>
        CsafImportResult.Rejected([new CsafError(path, rule, message)]);

    // The version goes back to the caller inside a message: keep it short and free of control characters.
    private static string Printable(string? s)
    {
        s ??= "";
        if (s.Length > 40) s = s[..40] + "…";
        return new string([.. s.Select(ch => char.IsControl(ch) ? '?' : ch)]);
    }
}
