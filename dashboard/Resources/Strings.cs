using System.Resources;

[assembly: NeutralResourcesLanguage("ja")]

namespace NetOps.Dashboard.Resources;

/// <summary>
/// The screen's text (<c>Strings.resx</c>: Japanese, the neutral culture; <c>Strings.en.resx</c>: English), through
/// <c>IStringLocalizer&lt;Strings&gt;</c>.
/// </summary>
public sealed class Strings;
