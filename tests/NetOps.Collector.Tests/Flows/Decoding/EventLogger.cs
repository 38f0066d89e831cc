using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Tests.Flows.Decoding;

/// <summary>Records the event id of every log call, so that tests can count how often something was logged.</summary>
public sealed class EventLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<int> _ids = new();

    public int Count(int eventId) => _ids.Count(id => id == eventId);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _ids.Enqueue(eventId.Id);
}
