namespace NetOps.Ceptoar.Delivery;

/// <summary>
/// Tells this process's open pages that an advisory changed: a recipient was sent, deferred or failed, a send started
/// or completed, an approval, a cancel, an acknowledgement. The advisory page subscribes over its circuit and re-reads
/// the counts, so progress is pushed while the send runs rather than polled. In-process only: a send run by another
/// node's sender is not announced here (the page reads the counts at a slow pace while an advisory is sending).
/// </summary>
public sealed class DeliveryProgress
{
    /// <summary>Raised with the advisory's id, on the thread that made the change; handlers must return at once.</summary>
    public event Action<long>? Changed;

    public void Report(long advisoryId)
    {
        if (Changed is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<long>>())
        {
            // A page's handler that fails must not stop the send that reported it; the page re-reads at its next change.
            try { handler(advisoryId); }
            catch (Exception e) when (e is not OutOfMemoryException) { _ = e; }
        }
    }
}
