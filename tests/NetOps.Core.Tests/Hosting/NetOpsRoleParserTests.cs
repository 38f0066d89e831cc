using NetOps.Core.Hosting;

namespace NetOps.Core.Tests.Hosting;

public sealed class NetOpsRoleParserTests
{
    [Theory]
    [InlineData(null, NetOpsRoles.All)]
    [InlineData("", NetOpsRoles.All)]
    [InlineData("collector", NetOpsRoles.Collector)]
    [InlineData(" Collector , analyzer ", NetOpsRoles.Collector | NetOpsRoles.Analyzer)]
    [InlineData("analyzer,alerting,broadcast,dashboard", NetOpsRoles.Analyzer | NetOpsRoles.Alerting | NetOpsRoles.Broadcast | NetOpsRoles.Dashboard)]
    public void Role_lists_parse(string? text, NetOpsRoles expected) => Assert.Equal(expected, NetOpsRoleParser.Parse(text));

    [Fact]
    public void An_unknown_role_is_an_error_naming_the_key_and_the_role()
    {
        var e = Assert.Throws<FormatException>(() => NetOpsRoleParser.Parse("collector,toaster"));
        Assert.Contains("Roles", e.Message);
        Assert.Contains("toaster", e.Message);
    }
}
