namespace NetOps.Collector.Capture;

/// <summary>HSRP group message op codes (RFC 2281 §5.1; HSRPv2 keeps them).</summary>
public enum HsrpOpCode : byte { Hello = 0, Coup = 1, Resign = 2 }
