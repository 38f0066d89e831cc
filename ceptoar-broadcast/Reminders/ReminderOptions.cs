using System.ComponentModel.DataAnnotations;

namespace NetOps.Ceptoar.Reminders;

/// <summary>
/// <c>Ceptoar:Reminders</c>: a recipient that has not acknowledged an advisory <c>AfterHours</c> after its last mail
/// (the advisory, or the previous reminder) gets a reminder, at most <c>Max</c> of them. <c>Max = 0</c> sends none.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Ceptoar:Reminders";

    /// <summary><c>Ceptoar:Reminders:AfterHours</c>: hours from a recipient's last mail to its next reminder (fractions allowed).</summary>
    [Range(0.0001, 8760)] public double AfterHours { get; set; } = 24;

    /// <summary><c>Ceptoar:Reminders:Max</c>: reminders per recipient and advisory at most (0: none).</summary>
    [Range(0, 10)] public int Max { get; set; } = 2;

    public TimeSpan After => TimeSpan.FromHours(AfterHours);

    /// <summary>How often the scheduler looks for due reminders: a quarter of <see cref="After"/>, between 0.2 s and a minute.</summary>
    public TimeSpan Poll => TimeSpan.FromMilliseconds(Math.Clamp(After.TotalMilliseconds / 4, 200, 60_000));
}
