using Microsoft.Extensions.Configuration;

namespace NetOps.Alerting.Tests;

public sealed class AlertingOptionsTests
{
    static AlertingOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new AlertingOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(AlertingOptions.Section).Bind(options);
        return options;
    }

    static readonly Dictionary<string, string?> Rule = new()
    {
        ["Alerting:Inhibit:0:SourceMatchers:0"] = "kind=\"outage\"",
        ["Alerting:Inhibit:0:SourceMatchers:1"] = "severity=~\"critical|major\"",
        ["Alerting:Inhibit:0:TargetMatchers:0"] = "kind=~\"failover_started|backup_carrying\"",
        ["Alerting:Inhibit:0:Equal:0"] = "prefecture",
    };

    [Fact]
    public void Configured_inhibition_rules_bind_and_start()
    {
        var options = Bind(Rule);
        Assert.Equal(["kind=\"outage\"", "severity=~\"critical|major\""], options.Inhibit.Single().SourceMatchers);
        Assert.True(new AlertingOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_bad_inhibition_matcher_fails_the_start_naming_its_key()
    {
        var result = new AlertingOptionsValidator().Validate(null,
            Bind(new Dictionary<string, string?>(Rule) { ["Alerting:Inhibit:0:SourceMatchers:1"] = "severity=~\"critical|(\"" }));
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Alerting:Inhibit:0:SourceMatchers:1: ", StringComparison.Ordinal));
    }
}
