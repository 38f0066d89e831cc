using Microsoft.Extensions.Configuration;
using NetOps.Alerting.OnCall;

namespace NetOps.Alerting.Tests.OnCall;

public sealed class OnCallOptionsTests
{
    static readonly TimeZoneInfo Jst = TimeZoneInfo.CreateCustomTimeZone("Asia/Tokyo", TimeSpan.FromHours(9), "JST", "JST");
    static TimeZoneInfo? Find(string id) => id == "Asia/Tokyo" ? Jst : null;

    static OnCallOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new OnCallOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Alerting:OnCall").Bind(options);
        return options;
    }

    static readonly Dictionary<string, string?> Good = new()
    {
        ["Alerting:OnCall:Schedules:noc:TimeZone"] = "Asia/Tokyo",
        ["Alerting:OnCall:Schedules:noc:Rotation:Users:0"] = "sato",
        ["Alerting:OnCall:Schedules:noc:Rotation:Users:1"] = "suzuki",
        ["Alerting:OnCall:Schedules:noc:Rotation:Handoff"] = "09:00",
        ["Alerting:OnCall:Policies:lines:Steps:0:Notify:Schedule"] = "noc",
        ["Alerting:OnCall:Policies:lines:Steps:0:WaitMinutes"] = "10",
        ["Alerting:OnCall:Policies:lines:Steps:1:Notify:Users:0"] = "manager",
        ["Alerting:OnCall:Policies:lines:Repeat"] = "2",
        ["Alerting:OnCall:Routes:0:Matchers:0:Name"] = "prefecture",
        ["Alerting:OnCall:Routes:0:Matchers:0:Value"] = "13",
        ["Alerting:OnCall:Routes:0:Policy"] = "lines",
        ["Alerting:OnCall:Routes:0:GroupWaitSeconds"] = "0",
    };

    [Fact]
    public void Configuration_in_the_api_shapes_compiles_to_a_working_setup()
    {
        var (setup, errors) = Bind(Good).Compile(Find);
        Assert.Empty(errors);
        Assert.Equal("sato", setup!.Schedules["noc"].OnCallAt(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal(2, setup.Policies["lines"].Repeat);
        var match = setup.Routes.Match(new Dictionary<string, string> { ["prefecture"] = "13", ["kind"] = "outage" });
        Assert.Equal("lines", match?.Route.Policy);
        Assert.Equal(TimeSpan.Zero, match?.Route.Timings.GroupWait);
    }

    [Fact]
    public void Configured_group_by_labels_replace_the_default_instead_of_joining_it()
    {
        var (defaulted, _) = Bind(Good).Compile(Find);
        Assert.Equal(["prefecture", "kind"], defaulted!.Routes.Routes[0].GroupBy);

        var (configured, _) = Bind(new Dictionary<string, string?>(Good) { ["Alerting:OnCall:Routes:0:GroupBy:0"] = "site" }).Compile(Find);
        Assert.Equal(["site"], configured!.Routes.Routes[0].GroupBy);
    }

    [Theory]
    [InlineData("Alerting:OnCall:Schedules:noc:TimeZone", "Mars/Olympus", "Alerting:OnCall:Schedules:noc:TimeZone: 'Mars/Olympus' is not a known time zone")]
    [InlineData("Alerting:OnCall:Schedules:noc:Rotation:Handoff", "25:00", "Alerting:OnCall:Schedules:noc:Rotation:Handoff")]
    [InlineData("Alerting:OnCall:Policies:lines:Steps:0:Notify:Schedule", "nobody", "Alerting:OnCall:Policies:lines:Steps:0:Notify:Schedule: no schedule 'nobody'")]
    [InlineData("Alerting:OnCall:Routes:0:Policy", "missing", "Alerting:OnCall:Routes:0:Policy: no policy 'missing'")]
    [InlineData("Alerting:OnCall:Routes:0:Matchers:0:Name", "bad name", "Alerting:OnCall:Routes:0:Matchers:0:")]
    [InlineData("Alerting:OnCall:Routes:0:RepeatIntervalMinutes", "1", "Alerting:OnCall:Routes:0: repeatIntervalMinutes")]
    [InlineData("Alerting:OnCall:Schedules:noc:Holidays:0", "2027/01/01", "Alerting:OnCall:Schedules:noc:Holidays:0: '2027/01/01' is not a date")]
    public void A_bad_key_is_named_in_the_error(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(Good) { [key] = value };
        var (setup, errors) = Bind(settings).Compile(Find);
        Assert.Null(setup);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void No_on_call_configuration_is_a_valid_empty_setup()
    {
        var (setup, errors) = new OnCallOptions().Compile(Find);
        Assert.Empty(errors);
        Assert.Null(setup!.Routes.Match(new Dictionary<string, string> { ["site"] = "131016" }));
    }

    static readonly Dictionary<string, string?> WithHolidays = new(Good)
    {
        ["Alerting:OnCall:Schedules:noc:Holidays:0"] = "2026-01-12",   // 成人の日
        ["Alerting:OnCall:Schedules:noc:HolidayUsers:0"] = "kyujitsu1",
    };

    [Fact]
    public void Holidays_in_configuration_give_the_day_to_the_holiday_roster()
    {
        var (setup, errors) = Bind(WithHolidays).Compile(Find);
        Assert.Empty(errors);
        Assert.Equal("kyujitsu1", setup!.Schedules["noc"].OnCallAt(new DateTimeOffset(2026, 1, 12, 10, 0, 0, TimeSpan.FromHours(9))));
        Assert.Equal("suzuki", setup.Schedules["noc"].OnCallAt(new DateTimeOffset(2026, 1, 13, 10, 0, 0, TimeSpan.FromHours(9))));   // the second week's turn
    }

    [Fact]
    public void Holidays_round_trip_through_the_on_call_json_document()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Bind(WithHolidays).Schedules["noc"], new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Contains("\"holidays\":[\"2026-01-12\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"holidayUsers\":[\"kyujitsu1\"]", json, StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<OnCallOptions.ScheduleOptions>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal(["2026-01-12"], back.Holidays);
        Assert.Equal(["kyujitsu1"], back.HolidayUsers);
    }
}
