using NetOps.Core.Hosting;

namespace NetOps.Alerting.Engine;

/// <summary>Wakes the engine's pass (a new detection or alert in this process).</summary>
public sealed class EngineSignal : WakeSignal;

/// <summary>Wakes the page sender (pages were committed in this process).</summary>
public sealed class PageSignal : WakeSignal;
