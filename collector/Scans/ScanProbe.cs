namespace NetOps.Collector.Scans;

/// <summary>
/// Which packets or flows count as a source reaching for a port. Answers (a server's SYN-ACKs and data to a client's
/// ephemeral ports) must not, or every busy server would look like a scanner: TCP counts only without ACK (SYN, and
/// the FIN/NULL/Xmas probes), UDP only from an ephemeral source port.
/// </summary>
public static class ScanProbe
{
    private const byte Ack = 0x10, Syn = 0x02;

    /// <summary>The first port that is not a well-known one (RFC 6335's system ports end at 1023).</summary>
    public const int EphemeralFrom = 1024;

    /// <param name="tcpFlagsKnown">False for a flow whose exporter did not send TCP flags.</param>
    public static bool IsProbe(byte ipProtocol, byte tcpFlags, bool tcpFlagsKnown, ushort sourcePort) => ipProtocol switch
    {
        6 when tcpFlagsKnown => (tcpFlags & Ack) == 0,
        6 or 17 => sourcePort >= EphemeralFrom,
        _ => false,
    };

    /// <summary>A connection attempt: SYN without ACK.</summary>
    public static bool IsSyn(byte ipProtocol, byte tcpFlags) => ipProtocol == 6 && (tcpFlags & (Syn | Ack)) == Syn;
}
