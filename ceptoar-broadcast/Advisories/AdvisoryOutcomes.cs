namespace NetOps.Ceptoar.Advisories;

/// <summary>The result of storing a draft: its id, or the errors that stopped it.</summary>
public sealed record AdvisoryCreateResult(long? Id, IReadOnlyList<AdvisoryError> Errors)
{
    public bool Created => Id is not null;
}

/// <summary>What an approval did.</summary>
public enum ApprovalOutcome
{
    Approved,
    NotFound,
    /// <summary>The approver wrote the draft: four eyes means a second person.</summary>
    AuthorMayNotApprove,
    /// <summary>The advisory is not a draft any more.</summary>
    NotADraft,
}

/// <summary>What a send request did: started, scheduled, or why not; with the number of recipients when it started.</summary>
public sealed record SendResult(SendOutcome Outcome, int Recipients = 0, IReadOnlyList<string>? BodiesWithoutContact = null, string? Reason = null);

public enum SendOutcome
{
    /// <summary>The outbox rows are committed; the sender works through them.</summary>
    Sending,
    Scheduled,
    NotFound,
    /// <summary>Only an approved advisory can be sent.</summary>
    NotApproved,
    /// <summary>The TLP label does not allow the group (checked again at send).</summary>
    Refused,
}

/// <summary>What a press of the acknowledgement button did.</summary>
public enum AcknowledgementOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    NotFound,
}
