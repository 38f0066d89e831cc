namespace NetOps.Core.Hosting;

/// <summary>
/// Wakes a background loop in this process when work was committed here, so that it does not wait for its next poll.
/// Kicks while the loop is busy collapse into one wake-up. Other nodes find the work at their next poll.
/// </summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Kick()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already signalled
    }

    /// <summary>Waits for a kick or <paramref name="timeout"/>; true when kicked.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
}
