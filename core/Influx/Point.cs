namespace NetOps.Core.Influx;

/// <summary>
/// One InfluxDB point: a measurement, tags, fields and a timestamp in nanoseconds since the Unix epoch (UTC).
/// Tags are kept sorted by key, as InfluxDB recommends for write performance and as the series key needs.
/// </summary>
public sealed class Point
{
    private readonly List<KeyValuePair<string, string>> _tags = new(4);
    private readonly List<KeyValuePair<string, FieldValue>> _fields = new(2);

    public Point(string measurement, long timestampNs)
    {
        ArgumentException.ThrowIfNullOrEmpty(measurement);
        Measurement = measurement;
        TimestampNs = timestampNs;
    }

    public string Measurement { get; }

    /// <summary>Nanoseconds since the Unix epoch, UTC. The writer may move it forward to keep it unique within its series.</summary>
    public long TimestampNs { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;
    public IReadOnlyList<KeyValuePair<string, FieldValue>> Fields => _fields;

    /// <summary>Adds or replaces a tag, keeping tags sorted by key (ordinal).</summary>
    public Point Tag(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        int i = 0;
        for (; i < _tags.Count; i++)
        {
            int c = string.CompareOrdinal(_tags[i].Key, key);
            if (c == 0) { _tags[i] = new(key, value); return this; }
            if (c > 0) break;
        }
        _tags.Insert(i, new(key, value));
        return this;
    }

    /// <summary>Adds or replaces a field.</summary>
    public Point Field(string key, FieldValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        for (int i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, key, StringComparison.Ordinal)) { _fields[i] = new(key, value); return this; }
        }
        _fields.Add(new(key, value));
        return this;
    }

    /// <summary>The tag's value, or null.</summary>
    public string? GetTag(string key)
    {
        foreach (var t in _tags) if (string.Equals(t.Key, key, StringComparison.Ordinal)) return t.Value;
        return null;
    }

    /// <summary>The series key (measurement and sorted tags) that InfluxDB uses to tell series apart.</summary>
    public string SeriesKey()
    {
        if (_tags.Count == 0) return Measurement;
        var sb = new System.Text.StringBuilder(Measurement);
        foreach (var t in _tags) sb.Append(',').Append(t.Key).Append('=').Append(t.Value);
        return sb.ToString();
    }

    /// <summary>Converts a UTC time to InfluxDB nanoseconds.</summary>
    public static long ToNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Converts InfluxDB nanoseconds to a UTC time (100 ns resolution).</summary>
    public static DateTimeOffset FromNanoseconds(long ns) => new(DateTime.UnixEpoch.Ticks + ns / 100, TimeSpan.Zero);
}
