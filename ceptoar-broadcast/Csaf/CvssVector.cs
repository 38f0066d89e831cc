namespace NetOps.Ceptoar.Csaf;

/// <summary>A CVSS vector string split into its metrics (<c>AV:N/AC:L/...</c>), the <c>CVSS:3.x</c> prefix aside.</summary>
internal sealed class CvssVector
{
    private CvssVector(string? version, Dictionary<string, string> metrics)
    {
        Version = version;
        Metrics = metrics;
    }

    /// <summary>"3.0" or "3.1" from the prefix; null for a CVSS v2 vector, which has none.</summary>
    public string? Version { get; }
    public IReadOnlyDictionary<string, string> Metrics { get; }

    public string Get(string metric, string notDefined) => Metrics.TryGetValue(metric, out var v) ? v : notDefined;

    public static CvssVector? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 300) return null;
        var parts = text.Split('/');
        string? version = null;
        var start = 0;
        if (parts[0].StartsWith("CVSS:", StringComparison.Ordinal))
        {
            version = parts[0]["CVSS:".Length..];
            start = 1;
        }
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = start; i < parts.Length; i++)
        {
            var colon = parts[i].IndexOf(':');
            if (colon <= 0 || colon == parts[i].Length - 1) return null;
            if (!metrics.TryAdd(parts[i][..colon], parts[i][(colon + 1)..])) return null;
        }
        return new CvssVector(version, metrics);
    }
}
