using Microsoft.Extensions.Logging;

namespace NetOps.Ceptoar.Reminders;

/// <summary>The reminder loop's log events (ids 1420–1429).</summary>
internal static partial class ReminderLog
{
    [LoggerMessage(1420, LogLevel.Information, "Queued {Count} advisory reminders")]
    public static partial void RemindersQueued(this ILogger logger, int count);
}
