using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using NetOps.Collector.Snmp;

namespace NetOps.Bench.Snmp;

/// <summary>
/// One Debian <c>snmpsimd</c> (snmpsim 0.4) serving the <c>.snmprec</c> files of a data directory on a list of UDP
/// endpoints, the file chosen by the v2c community. Each endpoint is a socket of its own (snmpsim waits on them with
/// select(), so one process keeps to a few hundred). Killed, by its own id, when disposed.
/// </summary>
public sealed class SnmpSimProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SnmpSimProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The last lines snmpsimd wrote (its errors when it did not start).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts snmpsimd and waits until the last endpoint answers a GET of sysUpTime.0 with
    /// <paramref name="probeCommunity"/> (indexing the data files comes first).
    /// </summary>
    public static async Task<SnmpSimProcess> StartAsync(string dataDir, string cacheDir, IReadOnlyList<IPEndPoint> endpoints, string probeCommunity, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("snmpsimd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("--data-dir=" + dataDir);
        psi.ArgumentList.Add("--cache-dir=" + cacheDir);
        // Not --v2c-arch: its GETBULK of several columns never answers (it loops on endOfMibView). Not its log
        // either: it writes every request, which would cost the simulator more than the answer; a crash still goes to stderr.
        psi.ArgumentList.Add("--logging-method=null");
        // snmpsimd refuses to run as root; it drops to these after binding.
        if (Environment.IsPrivilegedProcess)
        {
            psi.ArgumentList.Add("--process-user=nobody");
            psi.ArgumentList.Add("--process-group=nogroup");
        }
        foreach (var endpoint in endpoints) psi.ArgumentList.Add("--agent-udpv4-endpoint=" + endpoint);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("snmpsimd did not start");
        var sim = new SnmpSimProcess(process);
        process.OutputDataReceived += (_, e) => sim.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => sim.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await sim.WaitReadyAsync(endpoints[^1], probeCommunity, ct);
            return sim;
        }
        catch
        {
            sim.Dispose();
            throw;
        }
    }

    private async Task WaitReadyAsync(IPEndPoint probe, string community, CancellationToken ct)
    {
        using var client = new SnmpV2cClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"snmpsimd exited {_process.ExitCode}:\n{Output}");
            var result = await client.GetAsync(probe, Encoding.ASCII.GetBytes(community), [IfMib.SysUpTime0], TimeSpan.FromMilliseconds(500), 0, ct);
            if (result.Outcome == SnmpRequestOutcome.Ok) return;
        }
        throw new TimeoutException($"snmpsimd did not answer on {probe} within 180 s:\n{Output}");
    }

    /// <summary>User + system CPU of snmpsimd so far (from /proc; it does not fork).</summary>
    public TimeSpan Cpu => ProcStat.Cpu(File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat"), children: false);

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 16_384) _output.Remove(0, _output.Length - 8_192); // the tail is what explains a failure
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException) { } // exited in between
        _process.Dispose();
    }
}
