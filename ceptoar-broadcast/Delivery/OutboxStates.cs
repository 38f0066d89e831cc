namespace NetOps.Ceptoar.Delivery;

/// <summary>The states of an outbox row (<c>advisory_outbox.State</c>).</summary>
public static class OutboxStates
{
    /// <summary>Not accepted by the SMTP server yet (first try, or waiting for its retry at <c>NextAttemptAt</c>).</summary>
    public const string Pending = "pending";
    /// <summary>The SMTP server accepted it (250).</summary>
    public const string Sent = "sent";
    /// <summary>Refused for good (5xx) or retries exhausted; <c>LastError</c> holds the server's reply.</summary>
    public const string Failed = "failed";
}
