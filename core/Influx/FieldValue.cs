using System.Globalization;

namespace NetOps.Core.Influx;

/// <summary>The type of an InfluxDB field value, which decides its line-protocol form.</summary>
public enum FieldType : byte { Float, Integer, Boolean, String }

/// <summary>A typed InfluxDB field value: float, 64-bit integer (<c>i</c>), boolean or string.</summary>
public readonly struct FieldValue : IEquatable<FieldValue>
{
    private readonly double _float;
    private readonly long _integer;

    /// <summary>The value's type.</summary>
    public FieldType Type { get; }

    /// <summary>The string value when <see cref="Type"/> is <see cref="FieldType.String"/>.</summary>
    public string? StringValue { get; }

    private FieldValue(FieldType type, double f, long i, string? s)
    {
        Type = type; _float = f; _integer = i; StringValue = s;
    }

    public static FieldValue Float(double value) => new(FieldType.Float, value, 0, null);
    public static FieldValue Integer(long value) => new(FieldType.Integer, 0, value, null);
    public static FieldValue Boolean(bool value) => new(FieldType.Boolean, 0, value ? 1 : 0, null);
    public static FieldValue String(string value) => new(FieldType.String, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public double AsFloat => _float;
    public long AsInteger => _integer;
    public bool AsBoolean => _integer != 0;

    public static implicit operator FieldValue(double value) => Float(value);
    public static implicit operator FieldValue(long value) => Integer(value);
    public static implicit operator FieldValue(int value) => Integer(value);
    public static implicit operator FieldValue(bool value) => Boolean(value);
    public static implicit operator FieldValue(string value) => String(value);

    public bool Equals(FieldValue other) => Type == other.Type && Type switch
    {
        FieldType.Float => _float.Equals(other._float),
        FieldType.String => string.Equals(StringValue, other.StringValue, StringComparison.Ordinal),
        _ => _integer == other._integer,
    };

    public override bool Equals(object? obj) => obj is FieldValue v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Type, _float, _integer, StringValue);
    public static bool operator ==(FieldValue left, FieldValue right) => left.Equals(right);
    public static bool operator !=(FieldValue left, FieldValue right) => !left.Equals(right);

    public override string ToString() => Type switch
    {
        FieldType.Float => _float.ToString("R", CultureInfo.InvariantCulture),
        FieldType.Integer => _integer.ToString(CultureInfo.InvariantCulture) + "i",
        FieldType.Boolean => AsBoolean ? "true" : "false",
        _ => StringValue!,
    };
}
