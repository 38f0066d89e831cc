using System.Net;
using System.Text;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Snmp;

/// <summary>One device to poll, as the inventory and the credentials say: where, with which community, how often.</summary>
/// <remarks><paramref name="Usm"/> is the v3 user when the credential is version 3 (then <paramref name="Community"/> is empty).</remarks>
public sealed record SnmpTarget(Site Site, Device Device, IPEndPoint Agent, byte[] Community, TimeSpan Interval, UsmUser? Usm = null)
{
    /// <summary>
    /// The devices of <paramref name="inventory"/> that carry <c>snmp</c>, with their credentials resolved; a device
    /// whose credential is not configured is left out and named in <paramref name="problems"/> (device, message).
    /// </summary>
    public static List<SnmpTarget> From(SiteInventory inventory, SnmpOptions options, List<(string Device, string Problem)> problems, UsmUsers? users = null)
    {
        users ??= new UsmUsers(options);
        var targets = new List<SnmpTarget>();
        foreach (var site in inventory.Sites)
        {
            foreach (var device in site.Devices)
            {
                if (device.Snmp is not { } snmp) continue;
                var credential = options.FindCredential(snmp.Credential);
                var usm = credential?.IsV3 == true ? users.Find(snmp.Credential) : null;
                if (credential is null || (usm is null && string.IsNullOrEmpty(credential.Community)))
                {
                    problems.Add((device.Name, $"device {device.Name} (site {site.Code}): snmp.credential '{snmp.Credential}' is not configured " +
                        $"({SnmpOptions.Section}:Credentials:{snmp.Credential}:Version and …:Community, or …:User for version 3)"));
                    continue;
                }
                // The inventory checked that the device has an address; the first one is its management address.
                if (device.Addresses.Count == 0 || !IPAddress.TryParse(device.Addresses[0], out var address)) continue;
                if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
                targets.Add(new SnmpTarget(site, device, new IPEndPoint(address, snmp.EffectivePort),
                    usm is null ? Encoding.UTF8.GetBytes(credential.Community!) : [], TimeSpan.FromSeconds(snmp.EffectiveIntervalSeconds), usm));
            }
        }
        return targets;
    }
}
