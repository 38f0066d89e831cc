using FsCheck.Xunit;
using NetOps.Dashboard.Auth;

namespace NetOps.Dashboard.Tests.Auth;

/// <summary>After sign-in a person goes back where they were, and never to another site (an open redirect).</summary>
public sealed class SafeReturnUrlTests
{
    [Theory]
    [InlineData("/inventory", "/inventory")]
    [InlineData("/audit?actor=yamada", "/audit?actor=yamada")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("/account/logout", "/")]
    [InlineData("/login?returnUrl=/x", "/")]
    public void Only_a_path_on_this_site_is_kept(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(returnUrl));

    [Property(MaxTest = 2_000)]
    public bool Whatever_comes_in_the_answer_is_a_local_path(string? returnUrl)
    {
        var safe = AccountEndpoints.SafeReturnUrl(returnUrl);
        return safe.StartsWith('/') && (safe.Length == 1 || (safe[1] != '/' && safe[1] != '\\'));
    }
}
