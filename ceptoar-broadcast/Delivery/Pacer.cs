namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// Spaces sends evenly at a rate shared by every connection (<c>Ceptoar:Delivery:MessagesPerSecond</c>): each caller
/// takes the next free slot and waits for it. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class Pacer(double messagesPerSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval = messagesPerSecond > 0 ? TimeSpan.FromSeconds(1 / messagesPerSecond) : TimeSpan.Zero;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>How long the caller must wait before its send (zero when the rate is unlimited or the slot is now).</summary>
    public TimeSpan Reserve()
    {
        if (_interval == TimeSpan.Zero) return TimeSpan.Zero;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            // A pacer idle for a while does not bank slots: a burst after a pause still keeps the rate.
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            return slot - now;
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }
}
