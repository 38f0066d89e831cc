namespace NetOps.Ceptoar.Advisories;

/// <summary>
/// Who an advisory may go to under its TLP 2.0 label (checked when a draft is stored and again when it is sent):
/// CLEAR, GREEN and AMBER to any group (every recipient is a local government's security contact, i.e. within the
/// community and the organisations that need it); AMBER+STRICT only to bodies named one by one (it may not leave the
/// recipient organisation, so a broad list is refused); RED only to at most <see cref="MaxRedBodies"/> bodies named
/// one by one (RED is for named individuals, never a distribution list).
/// </summary>
public static class TlpPolicy
{
    public const int MaxRedBodies = 10;

    /// <summary>Null when <paramref name="tlp"/> allows <paramref name="recipients"/>, else why not.</summary>
    public static string? Refusal(TrafficLightProtocol tlp, RecipientSpec recipients, int bodyCount) => tlp switch
    {
        TrafficLightProtocol.Clear or TrafficLightProtocol.Green or TrafficLightProtocol.Amber => null,
        TrafficLightProtocol.AmberStrict when !recipients.NamesBodiesOnly =>
            "TLP:AMBER+STRICT may only go to bodies named by code, not to all or to a prefecture",
        TrafficLightProtocol.Red when !recipients.NamesBodiesOnly =>
            "TLP:RED may only go to bodies named by code, not to all or to a prefecture",
        TrafficLightProtocol.Red when bodyCount > MaxRedBodies =>
            $"TLP:RED may go to at most {MaxRedBodies} named bodies (the group has {bodyCount})",
        _ => null,
    };

    /// <summary>The label as TLP 2.0 writes it (<c>TLP:AMBER+STRICT</c>).</summary>
    public static string Label(TrafficLightProtocol tlp) => tlp switch
    {
        TrafficLightProtocol.Clear => "TLP:CLEAR",
        TrafficLightProtocol.Green => "TLP:GREEN",
        TrafficLightProtocol.Amber => "TLP:AMBER",
        TrafficLightProtocol.AmberStrict => "TLP:AMBER+STRICT",
        TrafficLightProtocol.Red => "TLP:RED",
        _ => throw new ArgumentOutOfRangeException(nameof(tlp), tlp, null),
    };
}
