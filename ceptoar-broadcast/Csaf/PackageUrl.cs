namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Checks a package URL (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>, package-url/purl-spec) for 6.1.13:
/// the scheme, a type of the allowed characters, and a non-empty name.
/// </summary>
internal static class PackageUrl
{
    /// <summary>Null if the purl is well formed, else why not.</summary>
    public static string? Problem(string purl)
    {
        if (!purl.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase)) return "it does not start with 'pkg:'";
        var rest = purl[4..].TrimStart('/');
        var hash = rest.IndexOf('#');
        if (hash >= 0) rest = rest[..hash];
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            foreach (var pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) return $"qualifier '{pair}' has no key or no '='";
                if (eq == pair.Length - 1) return $"qualifier '{pair}' has no value";
            }
            rest = rest[..query];
        }
        var slash = rest.IndexOf('/');
        if (slash <= 0) return "it has no type or no name";
        var type = rest[..slash];
        if (!char.IsAsciiLetter(type[0]) || !type.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' || ch is '+' || ch is '-'))
            return $"the type '{type}' has characters a purl type cannot have";
        var path = rest[(slash + 1)..].TrimEnd('/');
        var at = path.LastIndexOf('@');
        if (at >= 0)
        {
            if (at == path.Length - 1) return "the version after '@' is empty";
            path = path[..at];
        }
        var segments = path.Split('/');
        if (segments[^1].Length == 0) return "it has no name";
        return null;
    }
}
