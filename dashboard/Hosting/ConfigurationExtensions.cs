namespace NetOps.Dashboard.Hosting;

/// <summary>
/// Configuration layers, lowest first: appsettings.json, the file given with <c>--config</c>, environment variables
/// <c>NETOPS__Section__Key</c>, command-line <c>--Section:Key=value</c> (and <c>--roles</c>).
/// </summary>
public static class ConfigurationExtensions
{
    public static TBuilder AddNetOpsConfiguration<TBuilder>(this TBuilder builder, string[] args) where TBuilder : IHostApplicationBuilder
    {
        var file = ConfigFile(args);
        if (file is not null)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"--config: file '{file}' does not exist", file);
            // Watched: the detectors read their thresholds every window (IOptionsMonitor), so a saved rule change
            // applies from the next window without a restart; listeners and ports keep what they started with.
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
        }
        builder.Configuration.AddEnvironmentVariables("NETOPS__");
        builder.Configuration.AddCommandLine(args.Where((a, i) => a != "--config" && (i == 0 || args[i - 1] != "--config") && !a.StartsWith("--config=", StringComparison.Ordinal)).ToArray(),
            new Dictionary<string, string> { ["--roles"] = "Roles" });
        return builder;
    }

    private static string? ConfigFile(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config") return i + 1 < args.Length ? args[i + 1] : throw new ArgumentException("--config needs a file");
            if (args[i].StartsWith("--config=", StringComparison.Ordinal)) return args[i]["--config=".Length..];
        }
        return null;
    }
}
