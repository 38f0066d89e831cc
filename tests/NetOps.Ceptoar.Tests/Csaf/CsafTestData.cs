using System.Text.Json;
using NetOps.Ceptoar.Csaf;
using NetOps.Testing;

namespace NetOps.Ceptoar.Tests.Csaf;

/// <summary>The CSAF corpus in shared/data/csaf (INDEX.md there) and one importer for all tests (the schema is built once).</summary>
internal static class CsafTestData
{
    private static readonly Lazy<CsafImporter> Shared = new(() => new CsafImporter(CsafSchemaHolder.Schema));

    public static CsafImporter Importer => Shared.Value;

    public static string Path(string relative) => SharedData.Path("csaf/" + relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    /// <summary>Every invalid document with the test testcases.json (or INDEX.md, for the csaf-validator-lib two) says it breaks.</summary>
    public static IEnumerable<(string File, string Rule)> InvalidFiles()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path("testcases.json")));
        foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray())
        {
            if (test.GetProperty("group").GetString() != "mandatory" || !test.TryGetProperty("failures", out var failures)) continue;
            foreach (var failure in failures.EnumerateArray())
                yield return ("invalid/" + failure.GetProperty("name").GetString(), test.GetProperty("id").GetString()!);
        }
        yield return ("invalid/csaf-validator-lib/mandatoryTest_6_1_16-failing-oasis_csaf_tc-csaf_2_0-2021-6-1-16-01.json", "6.1.16");
        yield return ("invalid/csaf-validator-lib/mandatoryTest_6_1_3-empty-relationships.json", "schema");
    }

    /// <summary>Every document that must be accepted: valid/, warnings/, the OASIS examples and the CISA advisories.</summary>
    public static IEnumerable<string> AcceptableFiles()
    {
        var root = Path("");
        foreach (var folder in (string[])["valid", "warnings", "examples", "vendor"])
            foreach (var file in System.IO.Directory.EnumerateFiles(Path(folder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                yield return System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
    }
}
