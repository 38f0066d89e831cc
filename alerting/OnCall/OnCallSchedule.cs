namespace NetOps.Alerting.OnCall;

/// <summary>A person on call instead of the rotation between <see cref="From"/> and <see cref="To"/> (DESIGN.md <c>overrides</c>).</summary>
public sealed record ScheduleOverride(string User, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// The rotation (DESIGN.md <c>rotation</c>): <see cref="Users"/> take turns of <see cref="LengthDays"/> days, handing
/// off at <see cref="Handoff"/> local time. <see cref="FirstHandoff"/> is the local day the first user's turn began.
/// </summary>
public sealed record Rotation(IReadOnlyList<string> Users, TimeOnly Handoff, int LengthDays, DateOnly FirstHandoff);

/// <summary>
/// Holidays of a schedule (<c>holidays</c>, <c>holidayUsers</c>): on each of <see cref="Dates"/> (local dates in the
/// schedule's time zone) the day's turn, from that day's hand-off to the next day's, goes to the holiday roster
/// instead of the rotation. The roster's people take turns holiday by holiday in date order.
/// </summary>
public sealed class HolidayRoster(IReadOnlyList<DateOnly> dates, IReadOnlyList<string> users)
{
    readonly List<DateOnly> _sorted = dates.Distinct().Order().ToList();

    public IReadOnlyList<DateOnly> Dates { get; } = dates;
    public IReadOnlyList<string> Users { get; } = users;

    /// <summary>Who covers the holiday <paramref name="day"/>, or null when it is not one.</summary>
    public string? UserOn(DateOnly day)
    {
        if (Users.Count == 0) return null;
        var index = _sorted.BinarySearch(day);
        return index < 0 ? null : Users[index % Users.Count];
    }
}

/// <summary>
/// An on-call schedule in its time zone: who is paged at an instant. The latest override that covers the instant
/// wins over a holiday, and a holiday over the rotation; hand-offs happen at local time, so a turn is a calendar
/// day long even where the zone has daylight saving.
/// </summary>
public sealed record OnCallSchedule(string Name, TimeZoneInfo TimeZone, Rotation Rotation, IReadOnlyList<ScheduleOverride> Overrides,
    HolidayRoster? Holidays = null)
{
    /// <summary>The first field that makes the schedule unusable, named as the API names it; null when valid.</summary>
    public string? Validate()
    {
        if (Rotation.Users.Count == 0) return "rotation.users is empty";
        if (Rotation.Users.Any(string.IsNullOrWhiteSpace)) return "rotation.users has an empty name";
        if (Rotation.LengthDays is < 1 or > 366) return "rotation.lengthDays must be between 1 and 366";
        for (var i = 0; i < Overrides.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Overrides[i].User)) return $"overrides[{i}].user is empty";
            if (Overrides[i].To <= Overrides[i].From) return $"overrides[{i}].to must be after from";
        }
        if (Holidays is { } h)
        {
            if (h.Dates.Count > 0 && h.Users.Count == 0) return "holidayUsers is empty: holidays need someone on call";
            if (h.Users.Any(string.IsNullOrWhiteSpace)) return "holidayUsers has an empty name";
        }
        return null;
    }

    /// <summary>Who is on call at <paramref name="instant"/>.</summary>
    public string OnCallAt(DateTimeOffset instant)
    {
        for (var i = Overrides.Count - 1; i >= 0; i--)
            if (instant >= Overrides[i].From && instant < Overrides[i].To) return Overrides[i].User;
        var day = TurnDay(instant);
        return Holidays?.UserOn(day) ?? Rotation.Users[TurnAt(day)];
    }

    /// <summary>The local day whose turn covers <paramref name="instant"/>: before the day's hand-off, yesterday's turn still runs.</summary>
    DateOnly TurnDay(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        var day = DateOnly.FromDateTime(local);
        return TimeOnly.FromDateTime(local) < Rotation.Handoff ? day.AddDays(-1) : day;
    }

    /// <summary>The index in <see cref="Rotation.Users"/> whose turn is the one of <paramref name="day"/>.</summary>
    int TurnAt(DateOnly day)
    {
        var days = day.DayNumber - Rotation.FirstHandoff.DayNumber;
        var turn = Math.DivRem(days, Rotation.LengthDays, out var within) - (days < 0 && within != 0 ? 1 : 0);
        return (int)(((long)turn % Rotation.Users.Count + Rotation.Users.Count) % Rotation.Users.Count);
    }
}
