using System.Text.Json;
using NetOps.Ceptoar.Advisories;
using NetOps.Ceptoar.Directory;

namespace NetOps.Ceptoar.Tests.Advisories;

public sealed class TlpPolicyTests
{
    private static readonly RecipientSpec Prefecture = new(false, ["35"], []);
    private static readonly RecipientSpec TwoBodies = new(false, [], ["352012", "131016"]);

    [Theory]
    [InlineData(TrafficLightProtocol.Clear)]
    [InlineData(TrafficLightProtocol.Green)]
    [InlineData(TrafficLightProtocol.Amber)]
    public void Clear_green_and_amber_may_go_to_every_body(TrafficLightProtocol tlp) =>
        Assert.Null(TlpPolicy.Refusal(tlp, RecipientSpec.Everyone, 1788));

    [Theory]
    [InlineData(TrafficLightProtocol.AmberStrict)]
    [InlineData(TrafficLightProtocol.Red)]
    public void Amber_strict_and_red_go_only_to_bodies_named_by_code(TrafficLightProtocol tlp)
    {
        Assert.NotNull(TlpPolicy.Refusal(tlp, RecipientSpec.Everyone, 1788));
        Assert.NotNull(TlpPolicy.Refusal(tlp, Prefecture, 20));
        Assert.Null(TlpPolicy.Refusal(tlp, TwoBodies, 2));
    }

    [Fact]
    public void Red_goes_to_at_most_ten_named_bodies()
    {
        var eleven = new RecipientSpec(false, [], BodyDirectory.Shipped.Bodies.Take(11).Select(b => b.Code).ToList());
        Assert.Contains("at most 10", TlpPolicy.Refusal(TrafficLightProtocol.Red, eleven, 11), StringComparison.Ordinal);
        Assert.Null(TlpPolicy.Refusal(TrafficLightProtocol.AmberStrict, eleven, 11));
    }

    [Theory]
    [InlineData("\"all\"", true, "", "")]
    [InlineData("[\"35\", \"131016\"]", false, "35", "131016")]
    [InlineData("{\"prefectures\":[\"35\"],\"codes\":[\"131016\",\"131016\"]}", false, "35", "131016")]
    [InlineData("{\"all\":true}", true, "", "")]
    public void Recipients_are_read_from_each_api_form(string json, bool all, string prefectures, string codes)
    {
        var spec = RecipientSpec.TryParse(JsonDocument.Parse(json).RootElement, out var error);
        Assert.Null(error);
        Assert.Equal((all, prefectures, codes), (spec!.All, string.Join(',', spec.Prefectures), string.Join(',', spec.Codes)));
        Assert.Equal(spec, RecipientSpec.FromJson(spec.ToJson()) with { Prefectures = spec.Prefectures, Codes = spec.Codes });
    }

    [Fact]
    public void Unknown_codes_and_prefectures_are_named()
    {
        var spec = new RecipientSpec(false, ["99"], ["352012", "352013", "131017"]);
        Assert.Equal(["99", "352013", "131017"], spec.Unknown(BodyDirectory.Shipped));
        Assert.Equal(["99"], new RecipientSpec(false, ["99"], []).Unknown(BodyDirectory.Shipped));
    }

    [Fact]
    public void A_prefecture_and_a_code_of_it_resolve_to_each_body_once()
    {
        var bodies = new RecipientSpec(false, ["35"], ["352012", "131016"]).Resolve(BodyDirectory.Shipped);
        Assert.Equal(bodies.Count, bodies.Select(b => b.Code).Distinct().Count());
        Assert.Contains(bodies, b => b.Code == "131016");
        Assert.Equal(BodyDirectory.Shipped.Bodies.Count(b => b.PrefectureCode == "35") + 1, bodies.Count);
    }
}
