using System.Text;
using MimeKit;
using NetOps.Core.Inventory;

namespace NetOps.Ceptoar.Directory;

/// <summary>The outcome of reading a contacts CSV: the lines taken and each refused line with its reason.</summary>
public sealed record ContactImport(IReadOnlyList<AdvisoryContact> Imported, IReadOnlyList<ContactRejection> Rejected);

/// <summary>
/// The CSV form of advisory contacts (DESIGN.md: <c>POST /api/v1/directory/contacts</c>, <c>code,address,role</c>),
/// with an optional fourth column <c>charset</c> (<see cref="ContactCharsets"/>; empty or missing: not given, so an
/// existing contact keeps its charset and a new one gets utf-8). Reading never throws on content: every line is taken
/// or refused with its line number and reason.
/// </summary>
public static class ContactCsv
{
    public const string Header = "code,address,role";
    /// <summary>The header as <see cref="Write"/> writes it, with the optional charset column.</summary>
    public const string HeaderWithCharset = "code,address,role,charset";
    public const int MaxAddressLength = 254;
    public const int MaxRoleLength = 100;
    /// <summary>Lines longer than this are refused unread (a contact line is well under 400 characters).</summary>
    public const int MaxLineLength = 2000;

    /// <summary>Reads <paramref name="reader"/>; <paramref name="bodyExists"/> says whether a code names a current body.</summary>
    public static ContactImport Read(TextReader reader, Func<string, bool> bodyExists)
    {
        var imported = new List<AdvisoryContact>();
        var rejected = new List<ContactRejection>();
        var seen = new HashSet<(string, string)>();
        int lineNo = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNo++;
            var line = lineNo == 1 ? raw.TrimStart('\uFEFF') : raw;
            if (lineNo == 1 && IsHeader(line)) continue;
            if (line.Trim().Length == 0) continue;
            if (line.Length > MaxLineLength)
            {
                rejected.Add(new(lineNo, ContactRejectionReason.Malformed, $"the line is longer than {MaxLineLength} characters"));
                continue;
            }
            var fields = SplitLine(line);
            if (fields is null)
            {
                rejected.Add(new(lineNo, ContactRejectionReason.Malformed, "an unclosed quote"));
                continue;
            }
            if (fields.Count is not (3 or 4))
            {
                rejected.Add(new(lineNo, ContactRejectionReason.Malformed, $"{fields.Count} fields, expected 3 or 4 ({HeaderWithCharset})"));
                continue;
            }
            var code = fields[0].Trim();
            var address = fields[1].Trim();
            var role = fields[2].Trim();
            if (!LocalGovernmentCode.IsValid(code))
            {
                rejected.Add(new(lineNo, ContactRejectionReason.BadCode, $"'{Shown(code)}' is not a 6-digit local government code with its check digit"));
                continue;
            }
            if (!bodyExists(code))
            {
                rejected.Add(new(lineNo, ContactRejectionReason.UnknownBody, $"no body in the directory has the code {code}"));
                continue;
            }
            if (!IsPlainAddress(address))
            {
                rejected.Add(new(lineNo, ContactRejectionReason.BadAddress, $"'{Shown(address)}' is not one mail address (local@domain)"));
                continue;
            }
            if (!IsRole(role))
            {
                rejected.Add(new(lineNo, ContactRejectionReason.BadRole, $"the role must be 1 to {MaxRoleLength} characters without control characters"));
                continue;
            }
            string? charset = null;
            if (fields.Count == 4 && fields[3].Trim() is { Length: > 0 } given)
            {
                if (!ContactCharsets.TryNormalize(given, out var name))
                {
                    rejected.Add(new(lineNo, ContactRejectionReason.BadCharset, $"'{Shown(given)}' is not a charset advisory mails are written in ({ContactCharsets.Utf8} or {ContactCharsets.Iso2022Jp})"));
                    continue;
                }
                charset = name;
            }
            if (!seen.Add((code, address.ToLowerInvariant())))
            {
                rejected.Add(new(lineNo, ContactRejectionReason.Duplicate, $"{code} {address} is already on an earlier line"));
                continue;
            }
            imported.Add(new AdvisoryContact(code, address, role, charset));
        }
        return new ContactImport(imported, rejected);
    }

    /// <summary>Writes <paramref name="contacts"/> with the header and the charset column, quoting fields that need it (RFC 4180).</summary>
    public static void Write(TextWriter writer, IEnumerable<AdvisoryContact> contacts)
    {
        writer.Write(HeaderWithCharset);
        writer.Write("\r\n");
        foreach (var c in contacts)
        {
            writer.Write(Quote(c.Code));
            writer.Write(',');
            writer.Write(Quote(c.Address));
            writer.Write(',');
            writer.Write(Quote(c.Role));
            writer.Write(',');
            writer.Write(c.Charset ?? "");
            writer.Write("\r\n");
        }
    }

    /// <summary>
    /// True when <paramref name="address"/> is a single bare mailbox: no display name, no group, no route, no
    /// CR/LF or control characters (so nothing can be smuggled into a header), a dot in the domain.
    /// </summary>
    public static bool IsPlainAddress(string address)
    {
        if (address.Length is 0 or > MaxAddressLength) return false;
        foreach (var ch in address)
            if (char.IsControl(ch) || char.IsWhiteSpace(ch) || ch is '<' or '>' or ',' or ';' or '"' or '(' or ')') return false;
        int at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.IndexOf('@') != at) return false;
        var domain = address[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")) return false;
        if (!MailboxAddress.TryParse(ParserOptions.Default, address, out var parsed)) return false;
        return string.IsNullOrEmpty(parsed.Name) && parsed.Route.Count == 0 && parsed.Address == address;
    }

    private static bool IsRole(string role)
    {
        if (role.Length is 0 or > MaxRoleLength) return false;
        foreach (var ch in role) if (char.IsControl(ch)) return false;
        return true;
    }

    private static bool IsHeader(string line)
    {
        var compact = line.Replace(" ", "", StringComparison.Ordinal);
        return compact.Equals(Header, StringComparison.OrdinalIgnoreCase) || compact.Equals(HeaderWithCharset, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Splits one line into fields (RFC 4180 quotes, <c>""</c> inside quotes); null for an unclosed quote.</summary>
    internal static List<string>? SplitLine(string line)
    {
        var fields = new List<string>(3);
        var field = new StringBuilder();
        bool quoted = false, inQuotes = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else field.Append(c);
            }
            else if (c == '"' && field.ToString().Trim().Length == 0 && !quoted)
            {
                field.Clear();
                inQuotes = quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                quoted = false;
            }
            else field.Append(c);
        }
        if (inQuotes) return null;
        fields.Add(field.ToString());
        return fields;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    /// <summary>A value as shown in a message: at most 80 characters, control characters as '?'.</summary>
    private static string Shown(string value)
    {
        var s = value.Length > 80 ? value[..80] + "…" : value;
        return string.Create(s.Length, s, (span, src) =>
        {
            for (int i = 0; i < src.Length; i++) span[i] = char.IsControl(src[i]) ? '?' : src[i];
        });
    }
}
