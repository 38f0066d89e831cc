namespace NetOps.Testing;

/// <summary>
/// Finds the shared test corpus (public test data, never copied into the repository): <c>NETOPS_TEST_DATA</c>, else
/// <c>../shared/data</c> beside the repository (<c>./netops test</c> sets the variable after checking the folder).
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of a file or folder under shared/data.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    /// <summary>The repository root (the folder holding NetOps.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "NetOps.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("NetOps.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string FindRoot()
    {
        foreach (var name in new[] { "NETOPS_TEST_DATA", "NETOPS_SHARED_DATA" })
        {
            var env = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        }
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "data"));
        if (Directory.Exists(candidate)) return candidate;
        throw new InvalidOperationException($"shared test data not found at {candidate}; put the corpus there or set NETOPS_TEST_DATA (README, \"Tests\")");
    }

    /// <summary>The lines of a shared data file (UTF-8, LF).</summary>
    public static string[] Lines(string relative) =>
        File.ReadAllText(Path(relative)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
