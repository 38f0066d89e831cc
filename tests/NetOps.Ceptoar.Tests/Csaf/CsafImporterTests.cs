using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Csaf;

namespace NetOps.Ceptoar.Tests.Csaf;

public sealed class CsafImporterTests
{
    public static TheoryData<string, string> InvalidFiles => new(CsafTestData.InvalidFiles().Select(f => (f.File, f.Rule)));

    public static TheoryData<string> AcceptableFiles => new(CsafTestData.AcceptableFiles());

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_document_is_rejected_for_the_test_it_breaks(string file, string rule)
    {
        var result = CsafTestData.Importer.Import(CsafTestData.Bytes(file));

        Assert.False(result.IsValid);
        // 18 of the 89 also break other tests by those tests' text (the minimal 6.1.27.x documents lack what other
        // profile tests need; the 6.1.14 histories also start at 2, breaking 6.1.21), so "contains", not "only".
        Assert.Contains(result.Errors, e => e.Rule == rule);
        Assert.All(result.Errors.Where(e => e.Rule == rule), e => Assert.NotEqual("", e.Path));
        Assert.All(result.Errors, e => Assert.True(e.Path.Length == 0 || e.Path[0] == '/', $"'{e.Path}' is not a JSON Pointer"));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Seventy_one_invalid_documents_are_refused_for_their_test_alone()
    {
        var alone = CsafTestData.InvalidFiles()
            .Count(f => CsafTestData.Importer.Import(CsafTestData.Bytes(f.File)).Errors.All(e => e.Rule == f.Rule));

        Assert.Equal(71, alone);
    }

    [Fact]
    public void The_corpus_has_all_89_invalid_documents()
    {
        var files = CsafTestData.InvalidFiles().Select(f => f.File).ToList();
        Assert.Equal(89, files.Distinct().Count());
        Assert.All(files, f => Assert.NotEmpty(CsafTestData.Bytes(f)));
    }

    [Theory]
    [MemberData(nameof(AcceptableFiles))]
    public void Valid_document_is_accepted_and_mapped(string file)
    {
        var result = CsafTestData.Importer.Import(CsafTestData.Bytes(file));

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.Rule} {e.Path}: {e.Message}")));
        var draft = result.Draft;
        Assert.False(string.IsNullOrWhiteSpace(draft.Title));
        Assert.DoesNotContain('\n', draft.Title);
        Assert.DoesNotContain('\r', draft.Title);
        Assert.False(string.IsNullOrWhiteSpace(draft.Source));
        Assert.False(string.IsNullOrWhiteSpace(draft.Body));
        Assert.Equal(AdvisoryKind.Advisory, draft.Kind);
        Assert.False(string.IsNullOrWhiteSpace(draft.TrackingId));
        // what the import maps, the advisory store takes (Cisco's advisory lists more products than a draft may hold)
        Assert.Empty(AdvisoryStore.ValidateContent(draft));
    }

    public static TheoryData<string, string> ValidForOneTestOnly => new(CsafTestData.ValidForOneTestOnly);

    [Theory]
    [MemberData(nameof(ValidForOneTestOnly))]
    public void A_corpus_valid_document_that_breaks_another_mandatory_test_is_refused_for_it(string file, string rule)
    {
        var result = CsafTestData.Importer.Import(CsafTestData.Bytes(file));

        Assert.False(result.IsValid);
        Assert.Equal([rule], result.Errors.Select(e => e.Rule).Distinct());
    }

    [Fact]
    public void The_corpus_has_140_documents_to_accept_besides_the_three_valid_for_one_test_only()
    {
        Assert.Equal(140, CsafTestData.AcceptableFiles().Count());
    }

    [Fact]
    public void Csaf_2_1_is_refused_by_name()
    {
        var result = CsafTestData.Importer.Import(CsafTestData.Bytes("jvn/getVulnDetailInfo_oka_JVNDB-2022-000097.json"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("csaf_version", error.Rule);
        Assert.Equal("/document/csaf_version", error.Path);
        Assert.Contains("'2.1'", error.Message);
    }

    [Fact]
    public void A_valid_document_relabelled_2_1_is_refused_before_the_schema()
    {
        var text = File.ReadAllText(CsafTestData.Path("examples/cisco-sa-20180328-smi2.json"))
            .Replace("\"csaf_version\": \"2.0\"", "\"csaf_version\": \"2.1\"", StringComparison.Ordinal);
        Assert.Contains("\"2.1\"", text);

        var error = Assert.Single(CsafTestData.Importer.Import(System.Text.Encoding.UTF8.GetBytes(text)).Errors);
        Assert.Equal("csaf_version", error.Rule);
    }

    [Theory]
    [InlineData("", "json")]
    [InlineData("{", "json")]
    [InlineData("{} {}", "json")]
    [InlineData("{\"document\": {}, \"document\": {}}", "json")]
    [InlineData("[1,2,3]", "schema")]
    [InlineData("\"text\"", "schema")]
    [InlineData("{}", "schema")]
    [InlineData("{\"document\": 5}", "schema")]
    [InlineData("{\"document\": {\"csaf_version\": 2.0}}", "schema")]
    public void Malformed_input_is_rejected_with_a_reason(string json, string rule)
    {
        var result = CsafTestData.Importer.Import(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Rule == rule);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused_as_json()
    {
        byte[] bytes = [.. "{\"document\": {\"title\": \""u8, 0xC3, 0x28, .. "\"}}"u8];

        var error = Assert.Single(CsafTestData.Importer.Import(bytes).Errors);
        Assert.Equal("json", error.Rule);
    }

    [Fact]
    public void A_byte_order_mark_is_allowed()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. CsafTestData.Bytes("examples/bsi-2022-0001.json")];

        Assert.True(CsafTestData.Importer.Import(bytes).IsValid);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_without_overflowing_the_stack()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Single(CsafTestData.Importer.Import(System.Text.Encoding.UTF8.GetBytes(deep)).Errors);
        Assert.Equal("json", error.Rule);
    }

    [Fact]
    public void A_document_over_the_size_limit_is_refused_before_parsing()
    {
        var importer = new CsafImporter(CsafSchemaHolder.Schema, new CsafImportOptions { MaxDocumentBytes = 1024 });

        var error = Assert.Single(importer.Import(CsafTestData.Bytes("examples/cisco-sa-20180328-smi2.json")).Errors);
        Assert.Equal("size", error.Rule);
    }

    [Fact]
    public void An_array_longer_than_the_limit_is_refused_before_the_schema_compares_its_items()
    {
        // Unique items in a long list are what the schema check is slowest on (it compares every pair).
        var ids = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"\"CSAFPID-{i}\""));
        var json = $"{{\"document\":{{\"csaf_version\":\"2.0\"}},\"vulnerabilities\":[{{\"product_status\":{{\"fixed\":[{ids}]}}}}]}}";

        var error = Assert.Single(CsafTestData.Importer.Import(System.Text.Encoding.UTF8.GetBytes(json)).Errors);
        Assert.Equal("size", error.Rule);
        Assert.Contains("10000 items", error.Message);
    }

    [Fact]
    public void A_document_of_too_many_values_is_refused_in_well_under_a_second()
    {
        var json = "{\"document\":{\"csaf_version\":\"2.0\"},\"x\":[" + string.Join(",", Enumerable.Repeat("[1,1,1,1,1,1,1,1,1]", 25_000)) + "]}";
        var importer = CsafTestData.Importer; // the schema is built before the clock starts
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Single(importer.Import(System.Text.Encoding.UTF8.GetBytes(json)).Errors);

        Assert.Equal("size", error.Rule);
        Assert.True(clock.ElapsedMilliseconds < 1_000, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_big_document_that_fails_the_schema_gets_the_verdict_without_the_list()
    {
        var json = "{\"document\":{\"csaf_version\":\"2.0\"},\"vulnerabilities\":[" + string.Join(",", Enumerable.Repeat("1", 9_999))
            + "],\"product_tree\":{\"full_product_names\":[" + string.Join(",", Enumerable.Repeat("1", 9_999)) + "]}}";
        var importer = CsafTestData.Importer;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Single(importer.Import(System.Text.Encoding.UTF8.GetBytes(json)).Errors);

        Assert.Equal("schema", error.Rule);
        Assert.Contains("too big to list each error", error.Message);
        Assert.True(clock.ElapsedMilliseconds < 1_000, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void An_array_at_the_limit_is_checked_by_the_schema()
    {
        var ids = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $"\"CSAFPID-{i}\""));
        var json = $"{{\"document\":{{\"csaf_version\":\"2.0\"}},\"vulnerabilities\":[{{\"product_status\":{{\"fixed\":[{ids}]}}}}]}}";

        var result = CsafTestData.Importer.Import(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.All(result.Errors, e => Assert.Equal("schema", e.Rule));
        Assert.Contains(result.Errors, e => e.Path == "/document");
    }

    [Fact]
    public async Task A_stream_imports_like_bytes()
    {
        await using var stream = File.OpenRead(CsafTestData.Path("examples/bsi-2022-0001.json"));

        var result = await CsafTestData.Importer.ImportAsync(stream, TestContext.Current.CancellationToken);

        Assert.True(result.IsValid);
        Assert.Equal("BSI-2022-0001", result.Draft.TrackingId);
    }

    [Fact]
    public void Errors_of_one_document_are_capped()
    {
        var importer = new CsafImporter(CsafSchemaHolder.Schema, new CsafImportOptions { MaxErrors = 3 });
        var json = "{\"document\":{\"csaf_version\":\"2.0\"},\"product_tree\":1,\"vulnerabilities\":[1,2,3,4,5,6,7,8]}";

        var result = importer.Import(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(4, result.Errors.Count);
        Assert.Equal("limit", result.Errors[^1].Rule);
    }
}
