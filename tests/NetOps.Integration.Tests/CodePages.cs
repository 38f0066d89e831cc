using System.Runtime.CompilerServices;
using System.Text;

namespace NetOps.Integration.Tests;

/// <summary>As the host does first thing (AddNetOpsCore): MimeKit looks its charsets up once, so ISO-2022-JP must be there before a test reads a mail.</summary>
internal static class CodePages
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
