using System.Text.Json;

namespace NetOps.Analyzer.Windows;

/// <summary>An <see cref="IWindowDetector"/> whose state is a JSON-serialisable <typeparamref name="TState"/>.</summary>
public abstract class WindowDetector<TState> : IWindowDetector where TState : class, new()
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Name { get; }

    public async Task<WindowResult> AnalyzeAsync(AnalysisWindow window, string? stateJson, CancellationToken cancellationToken)
    {
        var state = string.IsNullOrEmpty(stateJson) ? new TState() : JsonSerializer.Deserialize<TState>(stateJson, Json) ?? new TState();
        var detections = await AnalyzeAsync(window, state, cancellationToken).ConfigureAwait(false);
        return new WindowResult(detections, JsonSerializer.Serialize(state, Json));
    }

    /// <summary>Analyses one window, updating <paramref name="state"/> in place.</summary>
    protected abstract Task<IReadOnlyList<NetOps.Core.Detections.Detection>> AnalyzeAsync(AnalysisWindow window, TState state, CancellationToken cancellationToken);
}
