using System.Runtime.InteropServices;

namespace NetOps.Bench.Ingest;

/// <summary>
/// A harness run's time bound and its Ctrl-C: the first SIGINT or SIGTERM cancels the run (the harness stops its peers
/// and says where their logs are), a second kills the children at once and exits 130. A run past its bound is
/// cancelled the same way, so a page that never comes ends the run rather than hanging it.
/// </summary>
public sealed class RunBound : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly ChildProcessSet _children;
    private readonly PosixSignalRegistration _sigint, _sigterm;

    public RunBound(ChildProcessSet children, TimeSpan bound)
    {
        _children = children;
        _cancel = new CancellationTokenSource(bound);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;
    public bool IsCancellationRequested => _cancel.IsCancellationRequested;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_cancel.IsCancellationRequested) { _children.KillAll(); Environment.Exit(130); }
        _cancel.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancel.Dispose();
    }
}
