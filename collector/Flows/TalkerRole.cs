namespace NetOps.Collector.Flows;

/// <summary>Whether a top talker sent (<c>src</c>) or received (<c>dst</c>) the bytes counted for it.</summary>
public enum TalkerRole : byte { Source, Destination }

public static class TalkerRoles
{
    public static string TagValue(this TalkerRole role) => role == TalkerRole.Source ? "src" : "dst";
}
