using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace NetOps.Collector.Snmp;

/// <summary>An OBJECT IDENTIFIER (dotted form <c>1.3.6.1.2.1.1.3.0</c>), compared by value.</summary>
public sealed class Oid : IEquatable<Oid>, IComparable<Oid>
{
    /// <summary>RFC 2578 caps an OID at 128 sub-identifiers.</summary>
    public const int MaxLength = 128;

    private readonly uint[] _parts;

    public Oid(params uint[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length > MaxLength) throw new ArgumentException($"an OID has at most {MaxLength} sub-identifiers", nameof(parts));
        _parts = (uint[])parts.Clone();
    }

    private Oid(uint[] parts, bool _) => _parts = parts;

    internal static Oid Wrap(uint[] parts) => new(parts, true);

    public ReadOnlySpan<uint> Parts => _parts;
    public int Length => _parts.Length;
    public uint this[int index] => _parts[index];

    public static Oid Parse(string text)
        => TryParse(text, out var oid) ? oid : throw new FormatException($"'{text}' is not a dotted OID");

    public static bool TryParse(string? text, [NotNullWhen(true)] out Oid? oid)
    {
        oid = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var pieces = text.Trim().TrimStart('.').Split('.');
        if (pieces.Length > MaxLength) return false;
        var parts = new uint[pieces.Length];
        for (int i = 0; i < pieces.Length; i++)
            if (!uint.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i])) return false;
        oid = new Oid(parts, true);
        return true;
    }

    /// <summary>This OID followed by <paramref name="suffix"/> (a table column plus its index).</summary>
    public Oid Append(params uint[] suffix)
    {
        var parts = new uint[_parts.Length + suffix.Length];
        _parts.CopyTo(parts, 0);
        suffix.CopyTo(parts, _parts.Length);
        return new Oid(parts, true);
    }

    /// <summary>True when <paramref name="other"/> lies strictly under this OID (a walk of this subtree reached it).</summary>
    public bool IsPrefixOf(Oid other)
        => other._parts.Length > _parts.Length && other._parts.AsSpan(0, _parts.Length).SequenceEqual(_parts);

    public bool Equals(Oid? other) => other is not null && _parts.AsSpan().SequenceEqual(other._parts);
    public override bool Equals(object? obj) => obj is Oid o && Equals(o);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _parts) hash.Add(p);
        return hash.ToHashCode();
    }

    public int CompareTo(Oid? other)
    {
        if (other is null) return 1;
        return _parts.AsSpan().SequenceCompareTo(other._parts);
    }

    public override string ToString()
    {
        var sb = new StringBuilder(_parts.Length * 3);
        for (int i = 0; i < _parts.Length; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(_parts[i].ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static bool operator ==(Oid? a, Oid? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Oid? a, Oid? b) => !(a == b);
}
