using NetOps.Core.Events;

namespace NetOps.Collector.Snmp;

/// <summary>What a trap says, as an event: its kind and severity, text for people, key=value facts, the interface it names.</summary>
public sealed record TrapEvent(EventKind Kind, Severity Severity, string Name, string Message, string Detail, string? Interface);
