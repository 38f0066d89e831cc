namespace NetOps.Ceptoar.Advisories;

/// <summary>What a resend to the failed recipients did, with how many were queued again.</summary>
public sealed record ResendResult(ResendOutcome Outcome, int Recipients = 0);

public enum ResendOutcome
{
    /// <summary>The failed rows are pending again (same Message-ID); the advisory is sending.</summary>
    Requeued,
    NotFound,
    /// <summary>Only an advisory that is sending or sent has recipients to resend to.</summary>
    NotSent,
    /// <summary>No recipient has failed.</summary>
    NoFailures,
}
