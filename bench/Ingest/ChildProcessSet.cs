namespace NetOps.Bench.Ingest;

/// <summary>Every peer the harness started, so Ctrl-C or SIGTERM to the harness leaves none behind.</summary>
public sealed class ChildProcessSet
{
    private readonly Lock _lock = new();
    private readonly List<ChildProcess> _children = [];

    public ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath)
    {
        var child = ChildProcess.Start(name, fileName, arguments, logPath);
        lock (_lock) _children.Add(child);
        return child;
    }

    public void KillAll()
    {
        ChildProcess[] children;
        lock (_lock) children = [.. _children];
        foreach (var c in children) c.KillNow();
    }
}
