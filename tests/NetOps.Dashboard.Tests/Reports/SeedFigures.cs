using NetOps.Alerting.Incidents;

namespace NetOps.Dashboard.Tests.Reports;

/// <summary>
/// The seeds' incident tables as incident records. The public source gives only the totals, FY2019 (2019-04-01..2020-03-31)
/// 214 and FY2020 386 (1.8×); THE PER-CAUSE SPLIT BELOW IS ILLUSTRATIVE, made up to sum to those totals, and so is the
/// FY2020 device type × cause table (router, SW-HUB, firewall, server, other × lightning/power, other). The test checks
/// that the exports print what the records say, not that these splits are the real ones.
/// </summary>
public static class SeedFigures
{
    public const int Fy2019Total = 214, Fy2020Total = 386;

    /// <summary>Incidents by cause: (cause, FY2019, FY2020). Equipment failures and lightning/power are split below.</summary>
    public static readonly IReadOnlyList<(CauseCategory Cause, int Fy2019, int Fy2020)> ByCause =
    [
        (CauseCategory.LineFailure, 58, 97),
        (CauseCategory.EquipmentFailure, 71, 142),
        (CauseCategory.LightningOrPower, 24, 41),
        (CauseCategory.UnauthorizedAccess, 12, 29),
        (CauseCategory.InformationLeak, 9, 18),
        (CauseCategory.Misdelivery, 15, 22),
        (CauseCategory.Other, 25, 37),
    ];

    /// <summary>FY2020's failed devices: (device, lightning/power, other causes). 142 equipment failures; 27 of the 41 lightning/power incidents broke a device.</summary>
    public static readonly IReadOnlyList<(DeviceType Device, int LightningOrPower, int Other)> Fy2020Devices =
    [
        (DeviceType.Router, 12, 58),
        (DeviceType.Switch, 9, 39),
        (DeviceType.Firewall, 2, 17),
        (DeviceType.Server, 3, 21),
        (DeviceType.Other, 1, 7),
    ];

    /// <summary>Every cause of a fiscal year, one per incident, in a fixed order. FY2019's devices follow FY2020's proportions loosely.</summary>
    public static List<IncidentCause> Causes(int fiscalYear)
    {
        var causes = new List<IncidentCause>();
        foreach (var (cause, fy19, fy20) in ByCause)
        {
            int n = fiscalYear == 2019 ? fy19 : fy20;
            for (int i = 0; i < n; i++)
            {
                causes.Add(cause switch
                {
                    CauseCategory.EquipmentFailure => new IncidentCause(cause, Device(fiscalYear, i, lightning: false)),
                    CauseCategory.LightningOrPower => new IncidentCause(cause, Device(fiscalYear, i, lightning: true)),
                    CauseCategory.InformationLeak => new IncidentCause(cause, Leak: (LeakKind)(i % 3)),
                    _ => new IncidentCause(cause),
                });
            }
        }
        if (causes.Count != (fiscalYear == 2019 ? Fy2019Total : Fy2020Total)) throw new InvalidOperationException("the seed split does not add up");
        return causes;
    }

    private static DeviceType? Device(int fiscalYear, int index, bool lightning)
    {
        if (fiscalYear == 2019) return lightning && index % 2 == 1 ? null : (DeviceType)(index % 5);
        foreach (var (device, lp, other) in Fy2020Devices)
        {
            int n = lightning ? lp : other;
            if (index < n) return device;
            index -= n;
        }
        return lightning ? null : throw new InvalidOperationException("more equipment failures than devices");
    }
}
