using System.Text.Json;
using NetOps.Ceptoar.Directory;
using NetOps.Core.Inventory;

namespace NetOps.Ceptoar.Advisories;

/// <summary>
/// Who a stored advisory goes to: every body, or the union of prefectures (each with its municipalities) and named
/// body codes. Stored as JSON (<c>{"all":true}</c> or <c>{"prefectures":["13"],"codes":["131016"]}</c>).
/// </summary>
public sealed record RecipientSpec(bool All, IReadOnlyList<string> Prefectures, IReadOnlyList<string> Codes)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RecipientSpec Everyone { get; } = new(true, [], []);

    /// <summary>True when the group names bodies one by one (no <c>all</c>, no prefecture): what TLP AMBER+STRICT and RED need.</summary>
    public bool NamesBodiesOnly => !All && Prefectures.Count == 0;

    public string ToJson() => All
        ? """{"all":true}"""
        : JsonSerializer.Serialize(new Stored(null, Prefectures, Codes), Json);

    public static RecipientSpec FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new FormatException("recipients: not a JSON object");
        return s.All == true ? Everyone : new RecipientSpec(false, s.Prefectures ?? [], s.Codes ?? []);
    }

    /// <summary>
    /// Reads the API's <c>recipients</c>: <c>"all"</c>; an array of <c>"all"</c>, 2-digit prefecture codes and 6-digit
    /// body codes; or <c>{"all":true}</c> / <c>{"prefectures":[…],"codes":[…]}</c>. Null with the reason when it is none of these.
    /// </summary>
    public static RecipientSpec? TryParse(JsonElement element, out string? error)
    {
        error = null;
        var prefectures = new List<string>();
        var codes = new List<string>();
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() == "all":
                return Everyone;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String) { error = "recipients: each item must be a string (all, a prefecture code or a body code)"; return null; }
                    var v = item.GetString()!.Trim();
                    if (v == "all") return Everyone;
                    if (v.Length == 2) prefectures.Add(v);
                    else codes.Add(v);
                }
                break;
            case JsonValueKind.Object:
                if (element.TryGetProperty("all", out var all) && all.ValueKind == JsonValueKind.True) return Everyone;
                if (!ReadStrings(element, "prefectures", prefectures, out error) || !ReadStrings(element, "codes", codes, out error)) return null;
                break;
            default:
                error = "recipients: expected \"all\", a list of prefecture and body codes, or {\"prefectures\":[…],\"codes\":[…]}";
                return null;
        }
        if (prefectures.Count == 0 && codes.Count == 0) { error = "recipients: no prefecture and no body named"; return null; }
        return new RecipientSpec(false, prefectures.Distinct(StringComparer.Ordinal).ToList(), codes.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The codes of this group that name no prefecture or no current body of <paramref name="directory"/>.</summary>
    public IReadOnlyList<string> Unknown(BodyDirectory directory) =>
        Prefectures.Where(p => directory.Resolve(new RecipientGroup.Prefecture(p)).Bodies.Count == 0)
            .Concat(Codes.Where(c => !LocalGovernmentCode.IsValid(c) || !directory.Contains(c)))
            .ToList();

    /// <summary>The bodies of the group in code order, each once.</summary>
    public IReadOnlyList<Municipality> Resolve(BodyDirectory directory)
    {
        if (All) return directory.Resolve(new RecipientGroup.All()).Bodies;
        var bodies = new SortedDictionary<string, Municipality>(StringComparer.Ordinal);
        foreach (var p in Prefectures)
            foreach (var b in directory.Resolve(new RecipientGroup.Prefecture(p)).Bodies) bodies.TryAdd(b.Code, b);
        foreach (var b in directory.Resolve(new RecipientGroup.Codes(Codes)).Bodies) bodies.TryAdd(b.Code, b);
        return bodies.Values.ToList();
    }

    private static bool ReadStrings(JsonElement obj, string name, List<string> into, out string? error)
    {
        error = null;
        if (!obj.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null) return true;
        if (list.ValueKind != JsonValueKind.Array) { error = $"recipients.{name}: expected a list of strings"; return false; }
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) { error = $"recipients.{name}: expected a list of strings"; return false; }
            into.Add(item.GetString()!.Trim());
        }
        return true;
    }

    private sealed record Stored(bool? All, IReadOnlyList<string>? Prefectures, IReadOnlyList<string>? Codes);
}
