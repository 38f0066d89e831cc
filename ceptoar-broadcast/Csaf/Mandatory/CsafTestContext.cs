using System.Text.Json;

namespace NetOps.Ceptoar.Csaf.Mandatory;

/// <summary>What one run of the mandatory tests shares: the document, its product index, and the errors found.</summary>
internal sealed class CsafTestContext(JsonElement root)
{
    public JsonElement Root { get; } = root;
    public JsonElement Document { get; } = root.Obj("document") ?? default;
    public CsafProductIndex Products { get; } = CsafProductIndex.Build(root);
    public string Category => Document.Str("category") ?? "";
    public List<CsafError> Errors { get; } = [];

    public void Fail(string path, string rule, string message) => Errors.Add(new CsafError(path, rule, message));

    public IEnumerable<(JsonElement Item, string Path)> Vulnerabilities => Root.Items("vulnerabilities", "");
}
