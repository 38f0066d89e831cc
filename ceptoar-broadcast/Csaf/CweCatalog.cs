namespace NetOps.Ceptoar.Csaf;

/// <summary>
/// Names of the CWE weaknesses this build can check (6.1.11): MITRE's CWE Top 25 and those seen in real CSAF
/// advisories. The full catalogue (some 940 entries, MITRE's <c>cwec_v4.x.xml</c>) is not shipped; an id missing here
/// is not checked.
/// </summary>
internal static class CweCatalog
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["CWE-20"] = "Improper Input Validation",
        ["CWE-22"] = "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
        ["CWE-23"] = "Relative Path Traversal",
        ["CWE-77"] = "Improper Neutralization of Special Elements used in a Command ('Command Injection')",
        ["CWE-78"] = "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
        ["CWE-79"] = "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        ["CWE-80"] = "Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)",
        ["CWE-89"] = "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
        ["CWE-94"] = "Improper Control of Generation of Code ('Code Injection')",
        ["CWE-119"] = "Improper Restriction of Operations within the Bounds of a Memory Buffer",
        ["CWE-121"] = "Stack-based Buffer Overflow",
        ["CWE-122"] = "Heap-based Buffer Overflow",
        ["CWE-125"] = "Out-of-bounds Read",
        ["CWE-134"] = "Use of Externally-Controlled Format String",
        ["CWE-183"] = "Permissive List of Allowed Inputs",
        ["CWE-190"] = "Integer Overflow or Wraparound",
        ["CWE-200"] = "Exposure of Sensitive Information to an Unauthorized Actor",
        ["CWE-269"] = "Improper Privilege Management",
        ["CWE-276"] = "Incorrect Default Permissions",
        ["CWE-284"] = "Improper Access Control",
        ["CWE-285"] = "Improper Authorization",
        ["CWE-287"] = "Improper Authentication",
        ["CWE-295"] = "Improper Certificate Validation",
        ["CWE-306"] = "Missing Authentication for Critical Function",
        ["CWE-307"] = "Improper Restriction of Excessive Authentication Attempts",
        ["CWE-319"] = "Cleartext Transmission of Sensitive Information",
        ["CWE-352"] = "Cross-Site Request Forgery (CSRF)",
        ["CWE-354"] = "Improper Validation of Integrity Check Value",
        ["CWE-416"] = "Use After Free",
        ["CWE-434"] = "Unrestricted Upload of File with Dangerous Type",
        ["CWE-436"] = "Interpretation Conflict",
        ["CWE-476"] = "NULL Pointer Dereference",
        ["CWE-502"] = "Deserialization of Untrusted Data",
        ["CWE-532"] = "Insertion of Sensitive Information into Log File",
        ["CWE-598"] = "Use of GET Request Method With Sensitive Query Strings",
        ["CWE-601"] = "URL Redirection to Untrusted Site ('Open Redirect')",
        ["CWE-611"] = "Improper Restriction of XML External Entity Reference",
        ["CWE-613"] = "Insufficient Session Expiration",
        ["CWE-770"] = "Allocation of Resources Without Limits or Throttling",
        ["CWE-787"] = "Out-of-bounds Write",
        ["CWE-798"] = "Use of Hard-coded Credentials",
        ["CWE-824"] = "Access of Uninitialized Pointer",
        ["CWE-835"] = "Loop with Unreachable Exit Condition ('Infinite Loop')",
        ["CWE-843"] = "Access of Resource Using Incompatible Type ('Type Confusion')",
        ["CWE-862"] = "Missing Authorization",
        ["CWE-863"] = "Incorrect Authorization",
        ["CWE-918"] = "Server-Side Request Forgery (SSRF)",
    };

    public static string? NameOf(string id) => Names.GetValueOrDefault(id);
}
