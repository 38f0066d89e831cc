namespace NetOps.Ceptoar.Advisories;

/// <summary>
/// TLP 2.0 label of an advisory: it limits who may receive it. CSAF 2.0 documents say <c>WHITE</c> for what TLP 2.0
/// calls <see cref="Clear"/>; CSAF 2.0 has no <c>AMBER+STRICT</c>.
/// </summary>
public enum TrafficLightProtocol
{
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}
