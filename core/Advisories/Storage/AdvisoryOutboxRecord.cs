namespace NetOps.Core.Advisories.Storage;

/// <summary>
/// One mail of one advisory to one recipient (table <c>advisory_outbox</c>, unique on advisory, address and
/// <see cref="Round"/>): round 0 is the advisory itself, rounds 1, 2, … its reminders. Every round-0 row is
/// committed in one transaction before the first mail leaves, and the sender works through them. A row is claimed with
/// a lease (<see cref="ClaimedBy"/>, <see cref="LeaseUntil"/>), so that with several nodes each row is sent by one of
/// them, and a lost node's rows are taken over when the lease ends. <see cref="State"/>: <c>pending</c>, <c>sent</c>
/// (the SMTP server accepted it), <c>failed</c> (a 5xx reply, or retries exhausted; <see cref="LastError"/> holds the
/// server's reply). The acknowledgement through the signed link is recorded on the round-0 row.
/// </summary>
public sealed class AdvisoryOutboxRecord
{
    public long Id { get; set; }
    public long AdvisoryId { get; set; }
    /// <summary>The contact's mail address as the directory holds it.</summary>
    public string Address { get; set; } = "";
    /// <summary>The 6-digit code of the body the contact belongs to.</summary>
    public string Code { get; set; } = "";
    /// <summary>The contact's charset when the send started (<c>utf-8</c> or <c>iso-2022-jp</c>): the mail is written in it.</summary>
    public string Charset { get; set; } = "utf-8";
    /// <summary>0: the advisory; 1, 2, …: the reminders sent to a recipient that has not acknowledged it.</summary>
    public int Round { get; set; }
    public string State { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Stable per advisory and recipient, so that a copy sent twice (after a crash) is recognisable.</summary>
    public string MessageId { get; set; } = "";
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The claim (node and a random id) that holds the row while it is being sent.</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>The client address the acknowledgement came from.</summary>
    public string? AcknowledgedFrom { get; set; }
}
