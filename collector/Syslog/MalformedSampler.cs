using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NetOps.Collector.Syslog;

/// <summary>
/// Logs a sample of malformed input: at most one line per interval, with how many were left out since, and a
/// short excerpt with control bytes escaped so the log cannot be forged or broken by what a sender sends.
/// </summary>
internal sealed class MalformedSampler(ILogger logger, TimeProvider time, TimeSpan interval)
{
    private long _nextTicks;
    private long _suppressed;

    public void Report(IPAddress source, string error, ReadOnlySpan<byte> data)
    {
        if (TryTake(out long suppressed)) logger.MalformedMessage(source, error, suppressed, Excerpt(data, 120));
    }

    /// <summary>True when this occurrence is the interval's sample (with how many were left out since the last one).</summary>
    public bool TryTake(out long suppressed)
    {
        suppressed = 0;
        long now = time.GetTimestamp();
        long next = Interlocked.Read(ref _nextTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextTicks, now + (long)(interval.TotalSeconds * time.TimestampFrequency), next) != next)
        {
            Interlocked.Increment(ref _suppressed);
            return false;
        }
        suppressed = Interlocked.Exchange(ref _suppressed, 0);
        return true;
    }

    public static string Excerpt(ReadOnlySpan<byte> data, int max)
    {
        var sb = new StringBuilder(Math.Min(data.Length, max) + 8);
        foreach (var b in data[..Math.Min(data.Length, max)])
        {
            if (b is >= 0x20 and < 0x7f && b != '\\') sb.Append((char)b);
            else sb.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (data.Length > max) sb.Append('…');
        return sb.ToString();
    }
}
