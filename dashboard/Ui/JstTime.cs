using System.Globalization;
using Microsoft.Extensions.Localization;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Ui;

/// <summary>Times as the NOC reads them (STYLE.md): JST, relative (3分前) with the absolute time beside or on hover.</summary>
public static class JstTime
{
    /// <summary>Japan has no daylight saving time: a fixed offset needs no time zone database.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset ToJst(DateTimeOffset t) => t.ToOffset(Offset);

    /// <summary><c>2025-04-01 09:30:15 JST</c>.</summary>
    public static string Absolute(DateTimeOffset t) => ToJst(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " JST";

    /// <summary><c>HH:mm</c> in JST (chart labels).</summary>
    public static string Clock(DateTimeOffset t) => ToJst(t).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Relative(DateTimeOffset t, DateTimeOffset now, IStringLocalizer<Strings> l)
    {
        var d = now - t;
        bool future = d < TimeSpan.Zero;
        if (future) d = d.Negate();
        string Key(string unit) => (future ? "In" : "Ago") + unit;
        if (d < TimeSpan.FromSeconds(10)) return l["JustNow"];
        if (d < TimeSpan.FromMinutes(1)) return l[Key("Seconds"), (int)d.TotalSeconds];
        if (d < TimeSpan.FromHours(1)) return l[Key("Minutes"), (int)d.TotalMinutes];
        if (d < TimeSpan.FromDays(1)) return l[Key("Hours"), (int)d.TotalHours];
        return l[Key("Days"), (int)d.TotalDays];
    }

    /// <summary>Parses a <c>datetime-local</c> value typed in JST.</summary>
    public static DateTimeOffset? FromLocalInput(DateTime? local) =>
        local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), Offset) : null;
}
