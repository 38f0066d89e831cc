using System.Text.Json;
using System.Text.Unicode;
using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Alerts;

/// <summary>One alert of Alertmanager's <c>POST /api/v2/alerts</c> body, checked.</summary>
public sealed record PostedAlert(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? GeneratorUrl)
{
    public bool IsResolvedAt(DateTimeOffset now) => EndsAt <= now;
}

/// <summary>A refused item of the payload: its index in the array (-1 for the whole body) and why.</summary>
public readonly record struct PayloadError(int Index, string Message);

/// <summary>
/// Reads what Prometheus sends to Alertmanager's API v2 (an array of <c>labels</c>, <c>annotations</c>,
/// <c>startsAt</c>, <c>endsAt</c>, <c>generatorURL</c>) with Alertmanager's rules: labels are required and
/// non-empty, a missing <c>startsAt</c> is now, a missing <c>endsAt</c> is now plus the resolve timeout, and an
/// <c>endsAt</c> before <c>startsAt</c> is refused. Bad items are refused one by one with their index; good
/// items in the same body are kept. Never throws on any input.
/// </summary>
public static class AlertmanagerPayload
{
    public const int MaxAlerts = 10_000;
    public const int MaxLabels = 64;
    public const int MaxValueLength = 4096;

    public static (IReadOnlyList<PostedAlert> Alerts, IReadOnlyList<PayloadError> Errors) Parse(
        ReadOnlySpan<byte> utf8Json, DateTimeOffset now, TimeSpan resolveTimeout)
    {
        var alerts = new List<PostedAlert>();
        var errors = new List<PayloadError>();
        // JsonDocument checks UTF-8 inside strings only when they are read, and then throws: check it first.
        if (!Utf8.IsValid(utf8Json))
        {
            errors.Add(new PayloadError(-1, "the body is not valid UTF-8"));
            return (alerts, errors);
        }
        JsonDocument document;
        try { document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e)
        {
            errors.Add(new PayloadError(-1, $"the body is not JSON: {e.Message}"));
            return (alerts, errors);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not JsonValueKind.Array)
            {
                errors.Add(new PayloadError(-1, "the body must be a JSON array of alerts"));
                return (alerts, errors);
            }
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (index >= MaxAlerts)
                {
                    errors.Add(new PayloadError(index, $"more than {MaxAlerts} alerts in one body; the rest is refused"));
                    break;
                }
                if (TryRead(item, now, resolveTimeout, out var alert, out var error)) alerts.Add(alert);
                else errors.Add(new PayloadError(index, error));
                index++;
            }
        }
        return (alerts, errors);
    }

    static bool TryRead(JsonElement item, DateTimeOffset now, TimeSpan resolveTimeout, out PostedAlert alert, out string error)
    {
        alert = null!;
        if (item.ValueKind is not JsonValueKind.Object) { error = "an alert must be a JSON object"; return false; }
        if (!item.TryGetProperty("labels", out var labelsElement)) { error = "labels: missing"; return false; }
        if (!TryReadMap(labelsElement, "labels", out var labels, out error)) return false;
        if (labels.Count == 0) { error = "labels: at least one label is needed"; return false; }
        var annotations = new Dictionary<string, string>();
        if (item.TryGetProperty("annotations", out var annotationsElement) && annotationsElement.ValueKind is not JsonValueKind.Null
            && !TryReadMap(annotationsElement, "annotations", out annotations, out error)) return false;

        if (!TryReadTime(item, "startsAt", out var startsAt, out error)) return false;
        if (!TryReadTime(item, "endsAt", out var endsAt, out error)) return false;
        var start = startsAt ?? now;
        var end = endsAt ?? (start > now ? start : now) + resolveTimeout;
        if (end < start) { error = "endsAt is before startsAt"; return false; }

        string? generator = null;
        if (item.TryGetProperty("generatorURL", out var generatorElement) && generatorElement.ValueKind is JsonValueKind.String)
            generator = generatorElement.GetString();
        alert = new PostedAlert(labels, annotations, start, end, generator);
        error = "";
        return true;
    }

    static bool TryReadMap(JsonElement element, string field, out Dictionary<string, string> map, out string error)
    {
        map = new Dictionary<string, string>(StringComparer.Ordinal);
        error = "";
        if (element.ValueKind is not JsonValueKind.Object) { error = $"{field}: must be an object of strings"; return false; }
        foreach (var property in element.EnumerateObject())
        {
            if (map.Count >= MaxLabels) { error = $"{field}: more than {MaxLabels} entries"; return false; }
            var name = property.Name;
            if (!LabelSet.IsValidName(name))
            {
                error = $"{field}: '{Excerpt(name)}' is not a label name";
                return false;
            }
            if (property.Value.ValueKind is not JsonValueKind.String) { error = $"{field}.{name}: must be a string"; return false; }
            var value = property.Value.GetString()!;
            if (value.Length > MaxValueLength) { error = $"{field}.{name}: longer than {MaxValueLength} characters"; return false; }
            if (value.Length > 0) map[name] = value;
        }
        return true;
    }

    static bool TryReadTime(JsonElement item, string field, out DateTimeOffset? time, out string error)
    {
        time = null;
        error = "";
        if (!item.TryGetProperty(field, out var element) || element.ValueKind is JsonValueKind.Null) return true;
        // Prometheus sends Go's zero time (0001-01-01T00:00:00Z) for "not set".
        if (element.ValueKind is JsonValueKind.String && element.TryGetDateTimeOffset(out var value))
        {
            if (value.Year > 1) time = value;
            return true;
        }
        error = $"{field}: not an RFC 3339 time";
        return false;
    }

    static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
