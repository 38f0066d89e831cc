namespace NetOps.Collector.Flows;

/// <summary>The <c>direction</c> tag of the <c>flow</c> measurement, seen from the exporter's site.</summary>
public enum FlowDirection : byte { In, Out, Unknown }

public static class FlowDirections
{
    private static readonly string[] Names = ["in", "out", "unknown"];

    public static string TagValue(this FlowDirection direction) => Names[(int)direction];

    /// <summary>The flow's own direction field (0 ingress, 1 egress) when the site's prefixes do not decide.</summary>
    public static FlowDirection FromExported(byte direction) => direction switch
    {
        0 => FlowDirection.In,
        1 => FlowDirection.Out,
        _ => FlowDirection.Unknown,
    };
}
