namespace NetOps.Collector.Capture;

/// <summary>
/// An HSRP router's state in a group, the same for both versions (the wire codes differ: v1 uses bits
/// 0, 1, 2, 4, 8, 16 per RFC 2281; v2 counts 0–6, with 0 Disabled read as <see cref="Initial"/>).
/// </summary>
public enum HsrpState : byte { Initial, Learn, Listen, Speak, Standby, Active }
