using NetOps.Core.Hosting;

namespace NetOps.Ceptoar.Delivery;

/// <summary>Wakes this process's advisory sender when a send was committed here (<c>Ceptoar:Delivery:PollMilliseconds</c> for other nodes).</summary>
public sealed class DeliverySignal : WakeSignal;
