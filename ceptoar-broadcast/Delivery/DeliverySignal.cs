namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// Wakes this process's sender when a send was committed here, so that it does not wait for its next poll. Other
/// nodes find the rows at their next poll (<c>Ceptoar:Delivery:PollMilliseconds</c>).
/// </summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Kick()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already signalled
    }

    /// <summary>Waits for a kick or <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
}
