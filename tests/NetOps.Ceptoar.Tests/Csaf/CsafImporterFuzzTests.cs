using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Ceptoar.Csaf;
using NetOps.Ceptoar.Csaf.Mandatory;

namespace NetOps.Ceptoar.Tests.Csaf;

/// <summary>Hostile input: whatever arrives, the importer answers with a draft or with errors, and never throws.</summary>
public sealed class CsafImporterFuzzTests
{
    // Small documents that reach every part: VEX flags and threats, relationships, CVSS v2 and v3, revision history.
    private static readonly string[] Seeds =
    [
        "examples/bsi-2022-0001.json",
        "examples/csaf_vex/2022-evd-uc-03-ms-001.json",
        "examples/rhsa-2021_5186.json",
        "valid/mandatory/…6-1-09-13.json",
        "valid/mandatory/…6-1-33-11.json",
    ];

    private static readonly byte[][] SeedBytes = [.. Seeds.Select(CsafTestData.Bytes)];

    private static void AssertAnswered(CsafImportResult result)
    {
        Assert.NotNull(result);
        Assert.True(result.IsValid ^ (result.Errors.Count > 0));
        Assert.All(result.Errors, e => Assert.NotNull(e.Path));
    }

    [Property(MaxTest = 2_000)]
    public void Any_bytes_are_rejected_or_imported_without_throwing(byte[] data) =>
        AssertAnswered(CsafTestData.Importer.Import(data));

    [Property(MaxTest = 1_000)]
    public void Byte_mutations_of_valid_documents_never_throw(PositiveInt seed, NonNegativeInt position, byte value, bool delete)
    {
        var bytes = SeedBytes[seed.Get % SeedBytes.Length].ToList();
        var at = position.Get % bytes.Count;
        if (delete) bytes.RemoveRange(at, Math.Min(16, bytes.Count - at));
        else bytes[at] = value;

        AssertAnswered(CsafTestData.Importer.Import(bytes.ToArray()));
    }

    // Values of every JSON kind, to put where the schema expects another.
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null,
        () => JsonValue.Create(-1),
        () => JsonValue.Create(1e308),
        () => JsonValue.Create(""),
        () => JsonValue.Create("CSAFPID-9080700"),
        () => JsonValue.Create("2.0"),
        () => JsonValue.Create(true),
        () => new JsonArray(),
        () => new JsonArray(JsonValue.Create("CSAFPID-9080700"), JsonValue.Create(3)),
        () => new JsonObject(),
        () => new JsonObject { ["product_id"] = "CSAFPID-9080700", ["name"] = 7 },
    ];

    /// <summary>
    /// Replaces or removes one node of a valid document and runs the mandatory tests and the mapping directly, past the
    /// schema, which would otherwise stop most of these: they must cope with any shape on their own.
    /// </summary>
    [Property(MaxTest = 3_000)]
    public void Structural_mutations_never_throw_in_the_mandatory_tests_or_the_mapping(PositiveInt seed, NonNegativeInt target, NonNegativeInt replacement, bool remove)
    {
        var root = JsonNode.Parse(SeedBytes[seed.Get % SeedBytes.Length])!;
        var nodes = new List<JsonNode>();
        void Walk(JsonNode? n)
        {
            if (n is null) return;
            nodes.Add(n);
            if (n is JsonObject o) foreach (var (_, v) in o) Walk(v);
            if (n is JsonArray a) foreach (var v in a) Walk(v);
        }
        Walk(root);
        var victim = nodes[1 + target.Get % (nodes.Count - 1)];
        var parent = victim.Parent!;
        var value = remove ? null : Replacements[replacement.Get % Replacements.Length]();
        switch (parent)
        {
            case JsonObject o:
                var key = o.First(kv => ReferenceEquals(kv.Value, victim)).Key;
                if (remove) o.Remove(key); else o[key] = value;
                break;
            case JsonArray a:
                var i = a.IndexOf(victim);
                if (remove) a.RemoveAt(i); else a[i] = value;
                break;
        }

        using var doc = JsonDocument.Parse(root.ToJsonString());
        _ = MandatoryTests.Run(new CsafTestContext(doc.RootElement));
        _ = CsafDraftMapper.Map(doc.RootElement);
        AssertAnswered(CsafTestData.Importer.Import(Encoding.UTF8.GetBytes(root.ToJsonString())));
    }

    [Fact]
    public void Every_invalid_document_passes_through_the_mapping_without_throwing()
    {
        foreach (var (file, _) in CsafTestData.InvalidFiles())
        {
            using var doc = JsonDocument.Parse(CsafTestData.Bytes(file));
            var draft = CsafDraftMapper.Map(doc.RootElement);
            Assert.False(string.IsNullOrEmpty(draft.Title));
        }
    }
}
