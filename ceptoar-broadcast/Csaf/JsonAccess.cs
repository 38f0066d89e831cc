using System.Text.Json;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Type-checked reads from a parsed CSAF document. Every member answers "absent" for a missing property or a value of
/// the wrong kind instead of throwing, so the mandatory tests stay safe on documents the schema would refuse.
/// </summary>
internal static class JsonAccess
{
    public static JsonElement? Prop(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : null;

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Object } v ? v : null;

    public static string? Str(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static double? Num(this JsonElement e, string name) =>
        e.Prop(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetDouble(out var d) ? d : null;

    public static bool Has(this JsonElement e, string name) => e.Prop(name) is not null;

    /// <summary>The items of an array property with their JSON Pointer; nothing if it is absent or not an array.</summary>
    public static IEnumerable<(JsonElement Item, string Path)> Items(this JsonElement e, string name, string path)
    {
        if (e.Prop(name) is not { ValueKind: JsonValueKind.Array } array) yield break;
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}/{name}/{i}");
            i++;
        }
    }

    /// <summary>The string items of an array property (other items are skipped) with their JSON Pointer.</summary>
    public static IEnumerable<(string Value, string Path)> Strings(this JsonElement e, string name, string path)
    {
        foreach (var (item, itemPath) in e.Items(name, path))
            if (item.ValueKind == JsonValueKind.String) yield return (item.GetString()!, itemPath);
    }
}
