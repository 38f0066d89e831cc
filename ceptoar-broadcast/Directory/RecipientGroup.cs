namespace NetOps.Ceptoar.Directory;

/// <summary>Who an advisory goes to (DESIGN.md <c>recipients</c>: <c>all</c>, prefectures, or codes).</summary>
public abstract record RecipientGroup
{
    private RecipientGroup() { }

    /// <summary>Every body in the directory (47 prefectures and 1,741 municipalities).</summary>
    public sealed record All : RecipientGroup;

    /// <summary>A prefecture (its 2-digit code) with its municipalities.</summary>
    public sealed record Prefecture(string PrefectureCode) : RecipientGroup;

    /// <summary>A custom list of body codes.</summary>
    public sealed record Codes(IReadOnlyList<string> List) : RecipientGroup;
}
