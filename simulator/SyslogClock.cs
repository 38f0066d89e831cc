using System.Globalization;

namespace NetOps.Simulator;

/// <summary>
/// The devices' clock: local time of this machine, as a device set to the NOC's time zone would log it
/// (on a JST machine, JST). The BSD header carries no zone, so sender and collector must agree; on one
/// machine they do.
/// </summary>
public sealed class SyslogClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetLocalNow();

    /// <summary>The zone name Cisco prints after the time (<c>clock timezone JST 9</c>).</summary>
    public static string ZoneName(DateTimeOffset t) => t.Offset switch
    {
        { TotalHours: 9 } => "JST",
        { TotalHours: 0 } => "UTC",
        var o => (o < TimeSpan.Zero ? "-" : "+") + o.ToString("hhmm", CultureInfo.InvariantCulture),
    };

    /// <summary>RFC 3164 timestamp: <c>Nov  3 17:05:01</c> (day padded with a space).</summary>
    public static string Bsd(DateTimeOffset t) =>
        t.ToString("MMM", CultureInfo.InvariantCulture) + " " + t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) +
        " " + t.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>FortiOS <c>tz="+0900"</c>.</summary>
    public static string Offset(DateTimeOffset t) =>
        (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", CultureInfo.InvariantCulture);
}
