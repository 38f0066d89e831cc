using NetOps.Dashboard.Ui;

namespace NetOps.Dashboard.Tests.Ui;

/// <summary>The page's recipient list is read as the API's <c>recipients</c> array is.</summary>
public sealed class AdvisoryDeskTests
{
    [Fact]
    public void A_list_of_codes_separated_any_way_becomes_prefectures_and_bodies()
    {
        var spec = AdvisoryDesk.ParseRecipients(["352012, 35\n131016、131016"], out var error);
        Assert.Null(error);
        Assert.NotNull(spec);
        Assert.False(spec.All);
        Assert.Equal(["35"], spec.Prefectures);
        Assert.Equal(["352012", "131016"], spec.Codes);
    }

    [Fact]
    public void All_anywhere_in_the_list_means_everyone_and_an_empty_list_is_refused()
    {
        Assert.True(AdvisoryDesk.ParseRecipients(["31", "all"], out _)!.All);
        Assert.Null(AdvisoryDesk.ParseRecipients([" \n "], out var error));
        Assert.Contains("no prefecture and no body", error, StringComparison.Ordinal);
    }
}
