using FsCheck.Xunit;
using NetOps.Analyzer.Attacks;

namespace NetOps.Analyzer.Tests.Attacks;

public sealed class LogfmtTests
{
    [Fact]
    public void Pairs_are_read_with_quoted_values_and_escapes()
    {
        var d = Logfmt.Parse("user=admin source=203.0.113.5 reason=\"Login Authentication Failed \\\"bad\\\"\" port=22");
        Assert.Equal("admin", d["user"]);
        Assert.Equal("203.0.113.5", d["source"]);
        Assert.Equal("Login Authentication Failed \"bad\"", d["reason"]);
        Assert.Equal("22", d["port"]);
    }

    [Fact]
    public void Text_without_pairs_gives_nothing()
    {
        Assert.Empty(Logfmt.Parse("just words here"));
        Assert.Empty(Logfmt.Parse(null));
    }

    [Property(MaxTest = 5_000)]
    public void Any_text_is_read_without_throwing(string text) => Logfmt.Parse(text);
}
