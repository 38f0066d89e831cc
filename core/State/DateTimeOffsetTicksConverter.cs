using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NetOps.Core.State;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks, so that SQLite can compare and order times.</summary>
public sealed class DateTimeOffsetTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
