namespace NetOps.Collector.Snmp;

/// <summary>ScopedPDU (RFC 3412 §6): the context (engine ID and name) and the PDU itself.</summary>
public sealed record ScopedPdu(byte[] ContextEngineId, byte[] ContextName, SnmpPdu Pdu)
{
    public void WriteTo(BerWriter writer)
    {
        int sequence = writer.Push();
        writer.WriteOctetString(ContextEngineId);
        writer.WriteOctetString(ContextName);
        Pdu.WriteTo(writer);
        writer.Pop(sequence, 0x30);
    }

    public byte[] Encode()
    {
        var writer = new BerWriter();
        WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Reads a ScopedPDU that must fill <paramref name="data"/>; never throws. With <paramref name="allowPadding"/> (a
    /// decrypted PDU, which some encoders pad to a block), bytes after the SEQUENCE are ignored.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, bool allowPadding, out ScopedPdu? scoped, out SnmpParseError error)
    {
        scoped = null;
        var outer = new BerReader(data);
        if (!outer.TryPeekTag(out var tag)) { error = SnmpParseError.Truncated; return false; }
        if (tag != 0x30 || !outer.TryReadSequence(out var body)) { error = SnmpParseError.BadScopedPdu; return false; }
        if (!allowPadding && !outer.End) { error = SnmpParseError.TrailingBytes; return false; }
        if (!body.TryReadOctetString(out var engine) || engine.Length > UsmSecurityParameters.MaxEngineId
            || !body.TryReadOctetString(out var context) || context.Length > 255)
        {
            error = SnmpParseError.BadScopedPdu;
            return false;
        }
        if (!SnmpPdu.TryRead(ref body, out var pdu, out error)) return false;
        if (!body.End) { error = SnmpParseError.TrailingBytes; return false; }
        scoped = new ScopedPdu(engine.ToArray(), context.ToArray(), pdu!);
        return true;
    }
}
