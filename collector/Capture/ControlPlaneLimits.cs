namespace NetOps.Collector.Capture;

/// <summary>Bounds on what the control-plane trackers remember, so that crafted traffic cannot grow memory without end.</summary>
public static class ControlPlaneLimits
{
    /// <summary>Virtual routers, OSPF neighbours or BGP sessions tracked per tracker; beyond it new ones are ignored.</summary>
    public const int MaxTracked = 4096;
}
