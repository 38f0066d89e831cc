namespace NetOps.Ceptoar.Advisories;

/// <summary>A stored advisory: its content, recipients and four-eyes state.</summary>
public sealed record Advisory(
    long Id,
    AdvisoryDraft Draft,
    RecipientSpec Recipients,
    string Author,
    AdvisoryState State,
    string? Approver,
    DateTimeOffset? ApprovedAt,
    string? Sender,
    DateTimeOffset? SendAt,
    DateTimeOffset? SentAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
