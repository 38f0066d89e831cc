using System.Diagnostics;

namespace NetOps.Bench.Ingest;

/// <summary>Finds the repository and the Release NetOps host, and rebuilds it when its sources are newer.</summary>
public sealed class NetOpsHost(string repositoryRoot)
{
    private static readonly string[] SourceFolders = ["core", "collector", "analyzer", "alerting", "ceptoar-broadcast", "dashboard"];
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".razor", ".json", ".resx", ".css", ".js", ".csv"];

    public string RepositoryRoot { get; } = repositoryRoot;
    public string DllPath => Path.Combine(RepositoryRoot, "dashboard", "bin", "Release", "net10.0", "NetOps.dll");

    /// <summary>The folder holding NetOps.sln, looked for upwards from the working directory, then from this program.</summary>
    public static NetOpsHost? Locate()
    {
        foreach (var start in (string[])[Environment.CurrentDirectory, AppContext.BaseDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NetOps.sln"))) return new NetOpsHost(dir.FullName);
        }
        return null;
    }

    /// <summary>
    /// The host for <c>bench NAME</c>: located and, unless <paramref name="noBuild"/>, rebuilt when stale. Null once it
    /// has said why on standard error (no checkout found, or the build's errors).
    /// </summary>
    public static async Task<NetOpsHost?> PrepareAsync(string bench, bool noBuild)
    {
        var host = Locate();
        if (host is null) { Console.Error.WriteLine($"bench {bench}: repository not found (run from the checkout)"); return null; }
        if (!noBuild && host.IsStale())
        {
            Console.Error.WriteLine($"bench {bench}: building the NetOps host (Release)");
            if (await host.BuildAsync(CancellationToken.None) is { } errors) { Console.Error.WriteLine(errors); return null; }
        }
        return host;
    }

    /// <summary>True when the host is missing or older than a source file of the parts it runs.</summary>
    public bool IsStale()
    {
        if (!File.Exists(DllPath)) return true;
        var built = File.GetLastWriteTimeUtc(DllPath);
        var props = new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(p => Path.Combine(RepositoryRoot, p));
        var sources = SourceFolders.Select(f => Path.Combine(RepositoryRoot, f)).Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f), StringComparer.Ordinal));
        return props.Concat(sources).Any(f => File.Exists(f) && File.GetLastWriteTimeUtc(f) > built);
    }

    /// <summary>
    /// <c>dotnet build -c Release dashboard</c>; retried when another build holds obj/. Returns null on success, else the
    /// error lines.
    /// </summary>
    public async Task<string?> BuildAsync(CancellationToken cancellationToken)
    {
        var output = "";
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var info = new ProcessStartInfo(Executables.Find("dotnet") ?? "dotnet")
            {
                WorkingDirectory = RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in (string[])["build", "dashboard/NetOps.Dashboard.csproj", "-c", "Release", "-nologo", "-v", "quiet", "-clp:NoSummary"])
                info.ArgumentList.Add(a);
            using var build = Process.Start(info)!;
            var stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = build.StandardError.ReadToEndAsync(cancellationToken);
            await build.WaitForExitAsync(cancellationToken);
            output = await stdout + await stderr;
            if (build.ExitCode == 0) return null;
            if (!output.Contains("being used by another process", StringComparison.Ordinal)) break;
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        }
        var errors = output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(15);
        return string.Join('\n', errors).Trim() is { Length: > 0 } e ? e : output.Trim();
    }
}
