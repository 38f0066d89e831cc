using System.Diagnostics;
using System.Globalization;
using NetOps.Bench.Ingest;

namespace NetOps.Bench.Ceptoar;

/// <summary>
/// Postfix's <c>smtp-sink -c</c> on 127.0.0.1: its running counter (one per completed DATA, written as <c>N\r</c> to
/// stdout with no newline) read byte by byte, so <see cref="Count"/> is the mails it has taken so far.
/// </summary>
public sealed class CountingSmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reader;
    private int _count;

    private CountingSmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
        _reader = Task.Run(ReadAsync);
    }

    public int Port { get; }
    public int Count => Volatile.Read(ref _count);

    public static CountingSmtpSink Start(string sink, int port, int backlog = 256)
    {
        var info = new ProcessStartInfo(sink) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // As root smtp-sink must be told whose privileges to drop to once its socket is open.
        if (Environment.UserName == "root") { info.ArgumentList.Add("-u"); info.ArgumentList.Add("nobody"); }
        foreach (var a in new[] { "-c", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", backlog.ToString(CultureInfo.InvariantCulture) }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start smtp-sink");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new CountingSmtpSink(process, port);
    }

    private async Task ReadAsync()
    {
        var stream = _process.StandardOutput.BaseStream;
        var buffer = new byte[4096];
        int value = 0;
        bool digits = false;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                byte b = buffer[i];
                if (b is >= (byte)'0' and <= (byte)'9') { value = value * 10 + (b - '0'); digits = true; }
                else
                {
                    if (digits) Volatile.Write(ref _count, value);
                    value = 0;
                    digits = false;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        try { await _reader; } catch (IOException) { }
        _process.Dispose();
    }
}
