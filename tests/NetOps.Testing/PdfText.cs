using System.Diagnostics;

namespace NetOps.Testing;

/// <summary>The text of a PDF as <c>pdftotext</c> (poppler-utils; <c>./netops ensure_deps test</c> installs it) reads it.</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netops-pdf-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException("pdftotext did not start (apt-get install poppler-utils)");
            var text = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 ? await text : throw new InvalidOperationException($"pdftotext exited {process.ExitCode}: {errors}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
