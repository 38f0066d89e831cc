namespace NetOps.Alerting.OnCall;

/// <summary>A person on call instead of the rotation between <see cref="From"/> and <see cref="To"/> (DESIGN.md <c>overrides</c>).</summary>
public sealed record ScheduleOverride(string User, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// The rotation (DESIGN.md <c>rotation</c>): <see cref="Users"/> take turns of <see cref="LengthDays"/> days, handing
/// off at <see cref="Handoff"/> local time. <see cref="FirstHandoff"/> is the local day the first user's turn began.
/// </summary>
public sealed record Rotation(IReadOnlyList<string> Users, TimeOnly Handoff, int LengthDays, DateOnly FirstHandoff);

/// <summary>
/// An on-call schedule in its time zone: who is paged at an instant. The latest override that covers the instant
/// wins over the rotation; hand-offs happen at local time, so a turn is a calendar day long even where the zone
/// has daylight saving.
/// </summary>
public sealed record OnCallSchedule(string Name, TimeZoneInfo TimeZone, Rotation Rotation, IReadOnlyList<ScheduleOverride> Overrides)
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
        return null;
    }

    /// <summary>Who is on call at <paramref name="instant"/>.</summary>
    public string OnCallAt(DateTimeOffset instant)
    {
        for (var i = Overrides.Count - 1; i >= 0; i--)
            if (instant >= Overrides[i].From && instant < Overrides[i].To) return Overrides[i].User;
        return Rotation.Users[TurnAt(instant)];
    }

    /// <summary>The index in <see cref="Rotation.Users"/> whose turn covers <paramref name="instant"/>.</summary>
    int TurnAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
        var day = DateOnly.FromDateTime(local);
        // Before today's hand-off, yesterday's turn still runs.
        if (TimeOnly.FromDateTime(local) < Rotation.Handoff) day = day.AddDays(-1);
        var days = day.DayNumber - Rotation.FirstHandoff.DayNumber;
        var turn = Math.DivRem(days, Rotation.LengthDays, out var within) - (days < 0 && within != 0 ? 1 : 0);
        return (int)(((long)turn % Rotation.Users.Count + Rotation.Users.Count) % Rotation.Users.Count);
    }
}
