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

    // Test names show the file; without the OASIS prefix the distinguishing end of the name stays visible.
    private const string OasisPrefix = "oasis_csaf_tc-csaf_2_0-2021-";

    public static string Short(string relative) => relative.Replace(OasisPrefix, "…", StringComparison.Ordinal);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative.Replace("…", OasisPrefix, StringComparison.Ordinal)));

    /// <summary>Every invalid document with the test testcases.json (or INDEX.md, for the csaf-validator-lib two) says it breaks.</summary>
    public static IEnumerable<(string File, string Rule)> InvalidFiles()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path("testcases.json")));
        foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray())
        {
            if (test.GetProperty("group").GetString() != "mandatory" || !test.TryGetProperty("failures", out var failures)) continue;
            foreach (var failure in failures.EnumerateArray())
                yield return (Short("invalid/" + failure.GetProperty("name").GetString()), test.GetProperty("id").GetString()!);
        }
        yield return ("invalid/csaf-validator-lib/mandatoryTest_6_1_16-failing-oasis_csaf_tc-csaf_2_0-2021-6-1-16-01.json", "6.1.16");
        yield return ("invalid/csaf-validator-lib/mandatoryTest_6_1_3-empty-relationships.json", "schema");
    }

    /// <summary>
    /// Documents the corpus files as valid (each passes the one test it was written for) that break another mandatory
    /// test by that test's own text, and the test they break: the OASIS 6.2.8/6.2.9 examples list one hash algorithm
    /// twice for one file (6.1.25), and csaf-validator-lib's 6.1.16 case has a pre-release revision (6.1.19; the
    /// library's own 6.1.19 flags it too). They are refused, not accepted.
    /// </summary>
    public static readonly (string File, string Rule)[] ValidForOneTestOnly =
    [
        ("warnings/optional/…6-2-08-02.json", "6.1.25"),
        ("warnings/optional/…6-2-09-02.json", "6.1.25"),
        ("valid/csaf-validator-lib/mandatoryTest_6_1_16-valid-01.json", "6.1.19"),
    ];

    /// <summary>Every document that must be accepted: valid/, warnings/, the OASIS examples and the CISA advisories.</summary>
    public static IEnumerable<string> AcceptableFiles()
    {
        var root = Path("");
        foreach (var folder in (string[])["valid", "warnings", "examples", "vendor"])
            foreach (var file in System.IO.Directory.EnumerateFiles(Path(folder), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Short(System.IO.Path.GetRelativePath(root, file).Replace('\\', '/'));
                if (!ValidForOneTestOnly.Any(v => v.File == relative)) yield return relative;
            }
    }
}
