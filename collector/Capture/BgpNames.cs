namespace NetOps.Collector.Capture;

/// <summary>Names of BGP NOTIFICATION error codes and subcodes (IANA "BGP Error (Notification) Codes").</summary>
public static class BgpNames
{
    public static string Code(byte code) => code switch
    {
        1 => "Message Header Error",
        2 => "OPEN Message Error",
        3 => "UPDATE Message Error",
        4 => "Hold Timer Expired",
        5 => "Finite State Machine Error",
        6 => "Cease",
        7 => "ROUTE-REFRESH Message Error",
        8 => "Send Hold Timer Expired",
        _ => $"code {code}",
    };

    public static string Subcode(byte code, byte subcode) => (code, subcode) switch
    {
        (_, 0) => "Unspecific",
        (1, 1) => "Connection Not Synchronized",
        (1, 2) => "Bad Message Length",
        (1, 3) => "Bad Message Type",
        (2, 1) => "Unsupported Version Number",
        (2, 2) => "Bad Peer AS",
        (2, 3) => "Bad BGP Identifier",
        (2, 4) => "Unsupported Optional Parameter",
        (2, 6) => "Unacceptable Hold Time",
        (2, 7) => "Unsupported Capability",
        (2, 8) => "Role Mismatch",
        (3, 1) => "Malformed Attribute List",
        (3, 2) => "Unrecognized Well-known Attribute",
        (3, 3) => "Missing Well-known Attribute",
        (3, 4) => "Attribute Flags Error",
        (3, 5) => "Attribute Length Error",
        (3, 6) => "Invalid ORIGIN Attribute",
        (3, 8) => "Invalid NEXT_HOP Attribute",
        (3, 9) => "Optional Attribute Error",
        (3, 10) => "Invalid Network Field",
        (3, 11) => "Malformed AS_PATH",
        (5, 1) => "Unexpected Message in OpenSent State",
        (5, 2) => "Unexpected Message in OpenConfirm State",
        (5, 3) => "Unexpected Message in Established State",
        (6, 1) => "Maximum Number of Prefixes Reached",
        (6, 2) => "Administrative Shutdown",
        (6, 3) => "Peer De-configured",
        (6, 4) => "Administrative Reset",
        (6, 5) => "Connection Rejected",
        (6, 6) => "Other Configuration Change",
        (6, 7) => "Connection Collision Resolution",
        (6, 8) => "Out of Resources",
        (6, 9) => "Hard Reset",
        (6, 10) => "BFD Down",
        (7, 1) => "Invalid Message Length",
        _ => $"subcode {subcode}",
    };

    /// <summary><c>Cease / Administrative Reset</c>; a Hard Reset names the reason it wraps.</summary>
    public static string Describe(in BgpMessage m)
    {
        var text = $"{Code(m.ErrorCode)} / {Subcode(m.ErrorCode, m.ErrorSubcode)}";
        return m is { ErrorCode: 6, ErrorSubcode: 9 } && m.InnerCode != 0
            ? $"{text} ({Code(m.InnerCode)} / {Subcode(m.InnerCode, m.InnerSubcode)})"
            : text;
    }
}
