using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace NetOps.Alerting.Dispatch;

/// <summary>
/// One matcher of a route, silence or inhibition rule (DESIGN.md: <c>name</c>, <c>value</c>, <c>isRegex</c>).
/// A regex matches the whole value, as in Alertmanager (<c>site=~"13.*"</c> does not match "013101"),
/// and an absent label matches as the empty string.
/// </summary>
public sealed class LabelMatcher
{
    static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(50);
    readonly Regex? _regex;

    LabelMatcher(string name, string value, bool isRegex, bool isNegative, Regex? regex)
    {
        Name = name;
        Value = value;
        IsRegex = isRegex;
        IsNegative = isNegative;
        _regex = regex;
    }

    public string Name { get; }
    public string Value { get; }
    public bool IsRegex { get; }
    /// <summary><c>!=</c> or <c>!~</c>: the matcher holds when the value does not match.</summary>
    public bool IsNegative { get; }

    public static LabelMatcher Create(string name, string value, bool isRegex = false, bool isNegative = false) =>
        TryCreate(name, value, isRegex, isNegative, out var matcher, out var error) ? matcher : throw new ArgumentException(error, nameof(value));

    /// <summary>Never throws: a bad name or an invalid regex gives <c>false</c> and an error that names the matcher.</summary>
    public static bool TryCreate(string? name, string? value, bool isRegex, bool isNegative,
        [NotNullWhen(true)] out LabelMatcher? matcher, [NotNullWhen(false)] out string? error)
    {
        matcher = null;
        if (!LabelSet.IsValidName(name))
        {
            error = $"matcher name '{name}' is not a label name ([A-Za-z_][A-Za-z0-9_]*)";
            return false;
        }
        value ??= "";
        Regex? regex = null;
        if (isRegex)
        {
            try { regex = new Regex($"^(?:{value})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RegexBudget); }
            catch (ArgumentException e)
            {
                error = $"matcher {name}=~\"{value}\" is not a valid regex: {e.Message}";
                return false;
            }
        }
        matcher = new LabelMatcher(name, value, isRegex, isNegative, regex);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses Alertmanager's matcher syntax: <c>kind="line_down"</c>, <c>severity=~"critical|major"</c>,
    /// <c>site!="131016"</c>, <c>kind!~"link_.*"</c>. The value may be unquoted; inside quotes <c>\"</c> and <c>\\</c>
    /// escape. Never throws: a bad matcher gives <c>false</c> and an error that says what is wrong with it.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out LabelMatcher? matcher, [NotNullWhen(false)] out string? error)
    {
        matcher = null;
        var s = (text ?? "").Trim();
        var nameEnd = 0;
        while (nameEnd < s.Length && (char.IsAsciiLetterOrDigit(s[nameEnd]) || s[nameEnd] == '_')) nameEnd++;
        var name = s[..nameEnd];
        var rest = s[nameEnd..].TrimStart();
        string op = rest.StartsWith("=~", StringComparison.Ordinal) ? "=~" : rest.StartsWith("!~", StringComparison.Ordinal) ? "!~"
            : rest.StartsWith("!=", StringComparison.Ordinal) ? "!=" : rest.StartsWith('=') ? "=" : "";
        if (name.Length == 0 || op.Length == 0)
        {
            error = $"'{Excerpt(s)}' is not a matcher (name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\")";
            return false;
        }
        var raw = rest[op.Length..].Trim();
        string value;
        if (raw.StartsWith('"'))
        {
            var builder = new System.Text.StringBuilder(raw.Length);
            var closed = -1;
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == '\\' && i + 1 < raw.Length) { builder.Append(raw[++i]); continue; }
                if (c == '"') { closed = i; break; }
                builder.Append(c);
            }
            if (closed != raw.Length - 1)
            {
                error = $"'{Excerpt(s)}': the value's quotes are not closed at its end";
                return false;
            }
            value = builder.ToString();
        }
        else value = raw;
        return TryCreate(name, value, op.EndsWith('~'), op.StartsWith('!'), out matcher, out error);
    }

    static string Excerpt(string s) => s.Length <= 80 ? s : s[..80] + "…";

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = LabelSet.Get(labels, Name);
        var hit = _regex is null ? string.Equals(actual, Value, StringComparison.Ordinal) : _regex.IsMatch(actual);
        return hit != IsNegative;
    }

    /// <summary>True when every matcher holds: an empty list matches everything (a catch-all route).</summary>
    public static bool All(IReadOnlyList<LabelMatcher> matchers, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var matcher in matchers)
            if (!matcher.Matches(labels)) return false;
        return true;
    }

    public override string ToString() => $"{Name}{(IsRegex ? (IsNegative ? "!~" : "=~") : (IsNegative ? "!=" : "="))}\"{Value}\"";
}
