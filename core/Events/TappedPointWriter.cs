using NetOps.Core.Influx;

namespace NetOps.Core.Events;

/// <summary>The <see cref="IPointWriter"/> every part uses: the durable writer, with each accepted point offered to the <see cref="PointTap"/>.</summary>
public sealed class TappedPointWriter(PointWriter inner, PointTap tap) : IPointWriter
{
    /// <summary>The durable writer underneath.</summary>
    public PointWriter Inner => inner;

    public bool TryWrite(Point point)
    {
        if (!inner.TryWrite(point)) return false;
        tap.Offer(point);
        return true;
    }

    public async ValueTask WriteAsync(Point point, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(point, cancellationToken).ConfigureAwait(false);
        tap.Offer(point);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
}
