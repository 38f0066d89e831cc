using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Alerting.Dispatch;

namespace NetOps.Alerting.Tests.Dispatch;

public sealed class LabelSetTests
{
    [Fact]
    public void Fingerprint_does_not_depend_on_label_order_and_ignores_empty_values()
    {
        var a = new Dictionary<string, string> { ["site"] = "131016", ["kind"] = "outage", ["note"] = "" };
        var b = new Dictionary<string, string> { ["kind"] = "outage", ["site"] = "131016" };
        Assert.Equal(LabelSet.Fingerprint(a), LabelSet.Fingerprint(b));
        Assert.Equal(16, LabelSet.Fingerprint(a).Length);
    }

    [Fact]
    public void Fingerprint_cannot_be_forged_by_moving_text_between_name_and_value()
    {
        var a = new Dictionary<string, string> { ["ab"] = "c" };
        var b = new Dictionary<string, string> { ["a"] = "bc" };
        var c = new Dictionary<string, string> { ["a"] = "b", ["c"] = "" };
        Assert.NotEqual(LabelSet.Fingerprint(a), LabelSet.Fingerprint(b));
        Assert.NotEqual(LabelSet.Fingerprint(b), LabelSet.Fingerprint(c));
    }

    [Property(MaxTest = 300)]
    public bool Different_site_gives_a_different_fingerprint(NonEmptyString site, NonEmptyString other) =>
        site.Get == other.Get
        || LabelSet.Fingerprint(new Dictionary<string, string> { ["site"] = site.Get, ["kind"] = "outage" })
           != LabelSet.Fingerprint(new Dictionary<string, string> { ["site"] = other.Get, ["kind"] = "outage" });
}
