namespace NetOps.Alerting.Incidents;

/// <summary>The cause categories of the seeds' incident tables (issue 10, the auditors' statistics in issue 12).</summary>
public enum CauseCategory
{
    LineFailure,
    EquipmentFailure,
    LightningOrPower,
    UnauthorizedAccess,
    InformationLeak,
    Misdelivery,
    Other,
}

/// <summary>The device types of the equipment-failure table: router, SW-HUB, firewall, server, other.</summary>
public enum DeviceType { Router, Switch, Firewall, Server, Other }

/// <summary>How information leaked: the kinds the leak row is split by.</summary>
public enum LeakKind { LossOrTheft, MistakenDisclosure, UnauthorizedTakeout, Other }

/// <summary>
/// A cause: its category and, where the tables split the category, the detail. An equipment failure names the
/// device type; an information leak names its kind. A lightning strike or power cut may name the device it broke:
/// the seeds' equipment-failure table splits each device type's failures into lightning/power and other.
/// </summary>
public sealed record IncidentCause(CauseCategory Category, DeviceType? Device = null, LeakKind? Leak = null)
{
    /// <summary>A failed device: an equipment failure, or a lightning strike or power cut that names its device.</summary>
    public bool IsEquipmentFailure => Device is not null && Category is CauseCategory.EquipmentFailure or CauseCategory.LightningOrPower;

    public string? Validate() => Category switch
    {
        CauseCategory.EquipmentFailure when Device is null => "cause.device: an equipment failure names the device type",
        CauseCategory.InformationLeak when Leak is null => "cause.leak: an information leak names its kind",
        not (CauseCategory.EquipmentFailure or CauseCategory.LightningOrPower) when Device is not null =>
            "cause.device: only an equipment failure or a lightning/power failure has a device type",
        not CauseCategory.InformationLeak when Leak is not null => "cause.leak: only an information leak has a leak kind",
        _ => null,
    };
}
