namespace NetOps.Bench.Ingest;

/// <summary>Finds a program on PATH or in the sbin/bin folders Debian installs daemons into.</summary>
public static class Executables
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        IEnumerable<string> folders = [.. path.Split(':', StringSplitOptions.RemoveEmptyEntries), "/usr/sbin", "/usr/bin", "/sbin"];
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
