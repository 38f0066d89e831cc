using Microsoft.Extensions.Logging;

namespace NetOps.Ceptoar.Delivery;

/// <summary>The sender's log events (ids 1401–1419).</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(1401, LogLevel.Information, "Advisory {AdvisoryId}: every recipient is sent or failed")]
    public static partial void AdvisoryCompleted(this ILogger logger, long advisoryId);

    [LoggerMessage(1402, LogLevel.Warning, "Advisory {AdvisoryId} to {Address}: refused for good: {Reply}")]
    public static partial void PermanentFailure(this ILogger logger, long advisoryId, string address, string reply);

    [LoggerMessage(1403, LogLevel.Information, "Advisory {AdvisoryId} to {Address}: try {Attempt} failed ({Reply}); next try in {Wait}")]
    public static partial void WillRetry(this ILogger logger, long advisoryId, string address, int attempt, string reply, TimeSpan wait);

    [LoggerMessage(1404, LogLevel.Error, "Advisory {AdvisoryId} to {Address}: accepted by the SMTP server but the outbox row could not be marked sent; it may be sent again after the lease ends")]
    public static partial void MarkSentFailed(this ILogger logger, Exception exception, long advisoryId, string address);

    [LoggerMessage(1405, LogLevel.Information, "Advisory sender claimed {Count} recipients")]
    public static partial void Claimed(this ILogger logger, int count);

    [LoggerMessage(1407, LogLevel.Warning, "Advisory sender: the lease of a claim of {Count} rows is about to end; the rows not sent yet go back to the outbox")]
    public static partial void LeaseEnding(this ILogger logger, int count);

    [LoggerMessage(1408, LogLevel.Warning, "Advisory {AdvisoryId} to {Address}: written in UTF-8 instead of the contact's {Charset}: {Reason}")]
    public static partial void CharsetFallback(this ILogger logger, long advisoryId, string address, string charset, string reason);

    [LoggerMessage(1406, LogLevel.Information, "Started {Count} scheduled advisories")]
    public static partial void StartedScheduled(this ILogger logger, int count);
}
