using System.Globalization;
using System.Text.RegularExpressions;

namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// A CSAF <c>version_t</c>: integer versioning (<c>3</c>) or semantic versioning (<c>1.2.0-rc.1+build.5</c>).
/// Comparison follows SemVer 2.0 precedence, build metadata ignored.
/// </summary>
internal sealed partial record CsafVersionNumber(bool IsSemantic, long Major, long Minor, long Patch, string? PreRelease, string? Build)
    : IComparable<CsafVersionNumber>
{
    [GeneratedRegex(@"^(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    // SemVer 2.0's own pattern, as the CSAF schema uses it for version_t.
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex SemanticPattern();

    public bool IsPreRelease => PreRelease is not null;

    /// <summary>0 or 0.y.z: a version before the first release.</summary>
    public bool IsZero => Major == 0;

    public static CsafVersionNumber? TryParse(string? text)
    {
        if (text is null || text.Length > 256) return null;
        if (IntegerPattern().IsMatch(text))
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? new CsafVersionNumber(false, n, 0, 0, null, null) : null;
        var m = SemanticPattern().Match(text);
        if (!m.Success) return null;
        if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || !long.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var patch))
            return null;
        return new CsafVersionNumber(true, major, minor, patch,
            m.Groups[4].Success ? m.Groups[4].Value : null, m.Groups[5].Success ? m.Groups[5].Value : null);
    }

    /// <summary>The same version without its build metadata, and without its pre-release part if asked.</summary>
    public CsafVersionNumber Core(bool dropPreRelease) => this with { Build = null, PreRelease = dropPreRelease ? null : PreRelease };

    public int CompareTo(CsafVersionNumber? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        if (PreRelease is null) return other.PreRelease is null ? 0 : 1;
        if (other.PreRelease is null) return -1;
        var a = PreRelease.Split('.');
        var b = other.PreRelease.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNum = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var an);
            var bNum = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bn);
            c = (aNum, bNum) switch
            {
                (true, true) => an.CompareTo(bn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
