namespace NetOps.Ceptoar.Advisories;

/// <summary>
/// The four-eyes lifecycle of an advisory: <see cref="Draft"/> → <see cref="Approved"/> (by someone who is not the
/// author) → <see cref="Scheduled"/> (a send at a later time) or <see cref="Sending"/> (its outbox rows are committed)
/// → <see cref="Sent"/> (no recipient is pending any more); a draft, approved or scheduled advisory can be <see cref="Cancelled"/>.
/// </summary>
public enum AdvisoryState
{
    Draft,
    Approved,
    Scheduled,
    Sending,
    Sent,
    Cancelled,
}
