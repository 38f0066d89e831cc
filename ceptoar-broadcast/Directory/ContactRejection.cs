namespace NetOps.Ceptoar.Directory;

/// <summary>Why an imported contact line was refused.</summary>
public enum ContactRejectionReason
{
    /// <summary>The line is not three or four fields <c>code,address,role[,charset]</c> (or has an unclosed quote).</summary>
    Malformed,
    /// <summary>The code is not six digits with a correct check digit.</summary>
    BadCode,
    /// <summary>The code is well formed but no body in the directory has it (never existed, or merged away).</summary>
    UnknownBody,
    /// <summary>The address is not one plain mailbox (<c>local@domain</c>).</summary>
    BadAddress,
    /// <summary>The role is missing, too long or holds control characters.</summary>
    BadRole,
    /// <summary>The same code and address appear on an earlier line.</summary>
    Duplicate,
    /// <summary>The charset is neither <c>utf-8</c> nor <c>iso-2022-jp</c>.</summary>
    BadCharset,
}

/// <summary>A refused line: its number in the file (the header is line 1), the reason, and a message naming the value.</summary>
public sealed record ContactRejection(int Line, ContactRejectionReason Reason, string Message);
