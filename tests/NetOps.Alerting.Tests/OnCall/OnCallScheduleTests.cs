using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetOps.Alerting.OnCall;

namespace NetOps.Alerting.Tests.OnCall;

public sealed class OnCallScheduleTests
{
    static readonly TimeZoneInfo Jst = TimeZoneInfo.CreateCustomTimeZone("JST", TimeSpan.FromHours(9), "JST", "JST");
    static readonly TimeSpan Nine = TimeSpan.FromHours(9);

    // Weekly turns handing off on Monday 09:00 JST, the first beginning Monday 2026-11-02.
    static OnCallSchedule Weekly(params ScheduleOverride[] overrides) =>
        new("noc", Jst, new Rotation(["sato", "suzuki", "takahashi"], new TimeOnly(9, 0), 7, new DateOnly(2026, 11, 2)), overrides);

    [Fact]
    public void Turns_change_at_the_local_handoff_time()
    {
        var schedule = Weekly();
        Assert.Null(schedule.Validate());
        Assert.Equal("sato", schedule.OnCallAt(new DateTimeOffset(2026, 11, 2, 9, 0, 0, Nine)));
        Assert.Equal("sato", schedule.OnCallAt(new DateTimeOffset(2026, 11, 9, 8, 59, 59, Nine)));
        Assert.Equal("suzuki", schedule.OnCallAt(new DateTimeOffset(2026, 11, 9, 9, 0, 0, Nine)));
        Assert.Equal("takahashi", schedule.OnCallAt(new DateTimeOffset(2026, 11, 20, 3, 0, 0, Nine)));
        Assert.Equal("sato", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 12, 0, 0, Nine)));   // back to the first
        // The same instant given in UTC: 00:30 UTC Monday is 09:30 JST, suzuki's turn has begun.
        Assert.Equal("suzuki", schedule.OnCallAt(new DateTimeOffset(2026, 11, 9, 0, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Before_the_first_handoff_the_rotation_runs_backwards_without_a_negative_index()
    {
        var schedule = Weekly();
        Assert.Equal("takahashi", schedule.OnCallAt(new DateTimeOffset(2026, 11, 1, 12, 0, 0, Nine)));
        Assert.Equal("sato", schedule.OnCallAt(new DateTimeOffset(2026, 10, 12, 9, 0, 0, Nine)));
    }

    [Fact]
    public void An_override_wins_for_its_hours_and_the_latest_override_wins_over_an_earlier_one()
    {
        var day = new DateTimeOffset(2026, 11, 12, 0, 0, 0, Nine);
        var schedule = Weekly(
            new ScheduleOverride("tanaka", day, day.AddDays(1)),
            new ScheduleOverride("ito", day.AddHours(18), day.AddHours(22)));
        Assert.Equal("suzuki", schedule.OnCallAt(day.AddSeconds(-1)));
        Assert.Equal("tanaka", schedule.OnCallAt(day.AddHours(10)));
        Assert.Equal("ito", schedule.OnCallAt(day.AddHours(19)));
        Assert.Equal("tanaka", schedule.OnCallAt(day.AddHours(23)));
        Assert.Equal("suzuki", schedule.OnCallAt(day.AddDays(1)));
    }

    [Property(MaxTest = 500)]
    public bool Every_instant_has_someone_from_the_rotation(int minutesFromStart)
    {
        var schedule = Weekly();
        var instant = new DateTimeOffset(2026, 11, 2, 9, 0, 0, Nine).AddMinutes(minutesFromStart);
        return schedule.Rotation.Users.Contains(schedule.OnCallAt(instant));
    }

    [Fact]
    public void A_schedule_that_cannot_page_anyone_is_refused_naming_the_field()
    {
        var empty = Weekly() with { Rotation = Weekly().Rotation with { Users = [] } };
        Assert.Equal("rotation.users is empty", empty.Validate());
        var t = DateTimeOffset.UnixEpoch;
        Assert.Equal("overrides[0].to must be after from", Weekly(new ScheduleOverride("x", t, t)).Validate());
    }

    // Asia/Tokyo from the system's zone database, as production looks it up.
    static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    static OnCallSchedule WithHolidays(params ScheduleOverride[] overrides) =>
        new("noc", Tokyo, new Rotation(["sato", "suzuki", "takahashi"], new TimeOnly(9, 0), 7, new DateOnly(2026, 11, 2)), overrides,
            // 勤労感謝の日 and 天皇誕生日 (and a day given twice): the holiday roster takes turns in date order.
            new HolidayRoster([new DateOnly(2026, 12, 23), new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)], ["kyujitsu1", "kyujitsu2"]));

    [Fact]
    public void On_a_holiday_the_holiday_roster_is_on_call_from_handoff_to_handoff_and_the_rotation_otherwise()
    {
        var schedule = WithHolidays();
        Assert.Null(schedule.Validate());
        // Monday 2026-11-23 is a holiday, the first day of sato's week; takahashi's week ends with the Sunday's turn.
        Assert.Equal("takahashi", schedule.OnCallAt(new DateTimeOffset(2026, 11, 22, 12, 0, 0, Nine)));
        Assert.Equal("takahashi", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 8, 59, 0, Nine)));   // the night before is still Sunday's turn
        Assert.Equal("kyujitsu1", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 9, 0, 0, Nine)));
        Assert.Equal("kyujitsu1", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 23, 30, 0, Nine)));
        Assert.Equal("kyujitsu1", schedule.OnCallAt(new DateTimeOffset(2026, 11, 24, 8, 59, 0, Nine)));
        Assert.Equal("sato", schedule.OnCallAt(new DateTimeOffset(2026, 11, 24, 9, 0, 0, Nine)));         // the rotation again
        // The holiday is a Tokyo date: 00:30 UTC on the 23rd is 09:30 JST, inside it; 23:30 UTC on the 22nd is 08:30 JST, not.
        Assert.Equal("kyujitsu1", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero)));
        Assert.Equal("takahashi", schedule.OnCallAt(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)));
        // The next holiday goes to the roster's next person.
        Assert.Equal("kyujitsu2", schedule.OnCallAt(new DateTimeOffset(2026, 12, 23, 15, 0, 0, Nine)));
        Assert.Equal("suzuki", schedule.OnCallAt(new DateTimeOffset(2026, 12, 22, 15, 0, 0, Nine)));
    }

    [Fact]
    public void An_override_wins_over_a_holiday()
    {
        var schedule = WithHolidays(new ScheduleOverride("tanaka", new DateTimeOffset(2026, 11, 23, 12, 0, 0, Nine), new DateTimeOffset(2026, 11, 23, 18, 0, 0, Nine)));
        Assert.Equal("kyujitsu1", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 11, 0, 0, Nine)));
        Assert.Equal("tanaka", schedule.OnCallAt(new DateTimeOffset(2026, 11, 23, 13, 0, 0, Nine)));
    }

    [Fact]
    public void Holidays_without_a_holiday_roster_are_refused()
    {
        var schedule = WithHolidays() with { Holidays = new HolidayRoster([new DateOnly(2027, 1, 1)], []) };
        Assert.StartsWith("holidayUsers", schedule.Validate());
    }
}
