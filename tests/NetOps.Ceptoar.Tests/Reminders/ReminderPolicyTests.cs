using NetOps.Ceptoar.Delivery;
using NetOps.Ceptoar.Reminders;

namespace NetOps.Ceptoar.Tests.Reminders;

/// <summary>Who is due a reminder: unacknowledged, delivered, the last mail old enough, fewer than Max reminders.</summary>
public sealed class ReminderPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReminderOptions Options = new() { AfterHours = 24, Max = 2 };

    private static RecipientRounds Recipient(string firstState = OutboxStates.Sent, DateTimeOffset? acknowledged = null, int latestRound = 0,
        string latestState = OutboxStates.Sent, double sentHoursAgo = 25) =>
        new(7, "joho@city.example.jp", "352012", "iso-2022-jp", firstState, acknowledged, latestRound, latestState, Now.AddHours(-sentHoursAgo));

    private static IReadOnlyList<DueReminder> Due(params RecipientRounds[] recipients) => ReminderPolicy.Due(recipients, Now, Options).ToList();

    [Fact]
    public void A_recipient_that_has_not_acknowledged_a_day_after_the_advisory_is_due_its_first_reminder_in_its_charset()
    {
        var due = Assert.Single(Due(Recipient()));
        Assert.Equal(new DueReminder(7, "joho@city.example.jp", "352012", "iso-2022-jp", 1), due);
    }

    [Fact]
    public void A_recipient_that_acknowledged_is_not_reminded() => Assert.Empty(Due(Recipient(acknowledged: Now.AddHours(-2))));

    [Fact]
    public void Before_AfterHours_have_passed_nobody_is_due() => Assert.Empty(Due(Recipient(sentHoursAgo: 23.9)));

    [Theory]
    [InlineData(OutboxStates.Failed)]
    [InlineData(OutboxStates.Pending)]
    public void A_recipient_whose_advisory_mail_was_not_delivered_is_not_reminded(string state) =>
        Assert.Empty(Due(Recipient(firstState: state, latestState: state)));

    [Fact]
    public void The_next_round_counts_from_the_last_reminder_not_from_the_advisory()
    {
        Assert.Empty(Due(Recipient(latestRound: 1, sentHoursAgo: 3)));
        Assert.Equal(2, Assert.Single(Due(Recipient(latestRound: 1, sentHoursAgo: 24))).Round);
    }

    [Fact]
    public void A_reminder_still_pending_or_failed_holds_the_next_round()
    {
        Assert.Empty(Due(Recipient(latestRound: 1, latestState: OutboxStates.Pending)));
        Assert.Empty(Due(Recipient(latestRound: 1, latestState: OutboxStates.Failed)));
    }

    [Fact]
    public void No_more_than_Max_reminders_and_none_when_Max_is_zero()
    {
        Assert.Empty(Due(Recipient(latestRound: 2, sentHoursAgo: 100)));
        Assert.Empty(ReminderPolicy.Due([Recipient()], Now, new ReminderOptions { AfterHours = 24, Max = 0 }));
    }

    [Theory]
    [InlineData(0, 2, "Ceptoar:Reminders:AfterHours")]
    [InlineData(24, 11, "Ceptoar:Reminders:Max")]
    [InlineData(24, -1, "Ceptoar:Reminders:Max")]
    public void Bad_options_are_refused_at_start_naming_the_key(double afterHours, int max, string key)
    {
        var result = new NetOps.Core.Hosting.KeyedDataAnnotationsValidation<ReminderOptions>(ReminderOptions.Section)
            .Validate(null, new ReminderOptions { AfterHours = afterHours, Max = max });
        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new NetOps.Core.Hosting.KeyedDataAnnotationsValidation<ReminderOptions>(ReminderOptions.Section)
            .Validate(null, new ReminderOptions { AfterHours = 0.0005, Max = 1 }).Succeeded);
    }

    [Fact]
    public void Each_round_has_its_own_stable_Message_ID_and_round_0_is_the_advisorys()
    {
        Assert.Equal(MessageIds.For(7, "a@b.example.jp"), MessageIds.For(7, "a@b.example.jp", 0));
        Assert.Matches("^advisory-7\\.r1\\.[0-9a-f]{32}@netops$", MessageIds.For(7, "A@B.example.jp", 1));
        Assert.Equal(MessageIds.For(7, "A@B.example.jp", 1), MessageIds.For(7, "a@b.example.jp", 1));
        Assert.NotEqual(MessageIds.For(7, "a@b.example.jp", 1), MessageIds.For(7, "a@b.example.jp", 2));
    }
}
