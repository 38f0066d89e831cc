using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// The CSAF 2.0 JSON schema (draft 2020-12) with the three FIRST CVSS schemas it references by URL, all read from
/// files shipped with the product (<c>Csaf/Schema/</c>), so validation never fetches anything. Build it once: it is
/// immutable and safe to share between threads.
/// </summary>
public sealed class CsafSchema
{
    public const string CsafSchemaId = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json";

    // The URLs the CSAF schema's $ref names; the files' own ids carry a "?2017..." query that the $ref does not.
    private static readonly (string File, string Uri)[] CvssSchemas =
    [
        ("first/cvss-v2.0.json", "https://www.first.org/cvss/cvss-v2.0.json"),
        ("first/cvss-v3.0.json", "https://www.first.org/cvss/cvss-v3.0.json"),
        ("first/cvss-v3.1.json", "https://www.first.org/cvss/cvss-v3.1.json"),
    ];

    private CsafSchema(JsonSchema schema) => Schema = schema;

    internal JsonSchema Schema { get; }

    /// <summary>The schema folder copied beside the assembly (the project ships it as content).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Csaf", "Schema");

    public static CsafSchema Load() => Load(DefaultDirectory);

    /// <summary>Loads <c>csaf_json_schema.json</c> and <c>first/cvss-v*.json</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A schema file is missing: the product was installed without its schemas.</exception>
    public static CsafSchema Load(string directory)
    {
        // A registry of our own: nothing is taken from, or left in, the process-wide global registry.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var (file, uri) in CvssSchemas)
        {
            var node = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, file)))!.AsObject();
            // FIRST publishes these as draft-04, which JsonSchema.Net does not evaluate. They use only keywords that
            // mean the same in draft-07 (type, enum, pattern, minimum/maximum, required, local $ref), so they are
            // read as draft-07 under the URL the CSAF schema refers to (the files on disk stay byte-for-byte copies).
            node["$schema"] = "http://json-schema.org/draft-07/schema#";
            node.Remove("id");
            node.Remove("license"); // the licence text is not a keyword, and unknown keywords are refused
            node.Remove("$id");
            using var doc = JsonDocument.Parse(node.ToJsonString());
            JsonSchema.Build(doc.RootElement.Clone(), options, new Uri(uri));
        }

        using var csaf = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "csaf_json_schema.json")));
        return new CsafSchema(JsonSchema.Build(csaf.RootElement.Clone(), options, new Uri(CsafSchemaId)));
    }
}
