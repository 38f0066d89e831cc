using Microsoft.Extensions.Localization;
using NetOps.Alerting.Incidents;
using NetOps.Dashboard.Resources;

namespace NetOps.Dashboard.Ui;

/// <summary>An incident's cause as people read it: 機器障害（ルータ）, 情報漏えい（紛失・盗難）.</summary>
public static class IncidentText
{
    public static string Cause(IStringLocalizer<Strings> l, IncidentCause c) =>
        l["Cause_" + c.Category] + (c.Device is { } d ? $"（{l["Device_" + d]}）" : "") + (c.Leak is { } k ? $"（{l["Leak_" + k]}）" : "");
}
