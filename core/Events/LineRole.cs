namespace NetOps.Core.Events;

/// <summary>Which of a site's lines something belongs to (the <c>line</c> tag).</summary>
public enum LineRole : byte { None, Primary, Backup }

/// <summary>Tag values of <see cref="LineRole"/>.</summary>
public static class LineRoles
{
    public static string ToTag(this LineRole line) => line switch
    {
        LineRole.Primary => "primary",
        LineRole.Backup => "backup",
        _ => "none",
    };

    public static LineRole Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "primary" => LineRole.Primary,
        "backup" => LineRole.Backup,
        _ => LineRole.None,
    };
}
