namespace NetOps.Bench.Ingest;

/// <summary>Reads <c>/proc/&lt;pid&gt;/status</c> and the kernel's UDP counters.</summary>
public static class ProcStatus
{
    /// <summary>A "kB" line of /proc/&lt;pid&gt;/status (VmRSS, VmHWM); 0 when the process is gone.</summary>
    public static long ReadKilobytes(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal) || line.Length <= key.Length || line[key.Length] != ':') continue;
                var value = line[(key.Length + 1)..].Trim();
                var space = value.IndexOf(' ');
                return long.TryParse(space < 0 ? value : value[..space], out var kb) ? kb : 0;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    /// <summary>
    /// <c>Udp: RcvbufErrors</c> from /proc/net/snmp: datagrams the kernel dropped because a socket's receive
    /// buffer was full. A delta over a run shows loss the receiver never saw.
    /// </summary>
    public static long UdpReceiveBufferErrors()
    {
        try
        {
            string[]? header = null;
            foreach (var line in File.ReadLines("/proc/net/snmp"))
            {
                if (!line.StartsWith("Udp: ", StringComparison.Ordinal)) continue;
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (header is null) { header = fields; continue; }
                var i = Array.IndexOf(header, "RcvbufErrors");
                return i > 0 && i < fields.Length && long.TryParse(fields[i], out var v) ? v : 0;
            }
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>True when something has UDP <paramref name="port"/> bound on IPv4 (/proc/net/udp) or IPv6.</summary>
    public static bool UdpPortBound(int port)
    {
        var suffix = $":{port:X4}";
        foreach (var file in (string[])["/proc/net/udp", "/proc/net/udp6"])
        {
            try
            {
                foreach (var line in File.ReadLines(file).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 1 && fields[1].EndsWith(suffix, StringComparison.Ordinal)) return true;
                }
            }
            catch (IOException) { }
        }
        return false;
    }
}
