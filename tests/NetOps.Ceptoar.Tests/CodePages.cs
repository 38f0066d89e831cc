using System.Runtime.CompilerServices;
using System.Text;

namespace NetOps.Ceptoar.Tests;

/// <summary>As the host does first thing (AddNetOpsCore): MimeKit looks its charsets up once, so ISO-2022-JP must be there before any test touches MimeKit.</summary>
internal static class CodePages
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
