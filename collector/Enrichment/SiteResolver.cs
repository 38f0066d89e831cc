using System.Net;
using NetOps.Core.Events;
using NetOps.Core.Inventory;

namespace NetOps.Collector.Enrichment;

/// <summary>
/// Answers "which site, device and line does this message belong to" from the inventory: by source address,
/// else by the hostname in the message, else by a device name inside the message (FortiGate <c>devname</c>).
/// </summary>
public sealed class SiteResolver(IInventorySource source)
{
    /// <summary>The inventory as it is now (operators' edits replace it while NetOps runs).</summary>
    public SiteInventory Inventory => source.Current;

    public DeviceMatch? Resolve(IPAddress source, string? hostname, string? deviceName)
    {
        var inventory = Inventory;
        if (inventory.FindByAddress(source) is { } bySource) return bySource;
        if (!string.IsNullOrEmpty(hostname) && inventory.FindByName(hostname) is { } byHost) return byHost;
        if (!string.IsNullOrEmpty(deviceName) && inventory.FindByName(deviceName) is { } byName) return byName;
        return null;
    }

    /// <summary>
    /// The line an event is about: the line whose interface the message names (Cisco abbreviations such as
    /// <c>Gi0/1</c> match <c>GigabitEthernet0/1</c>), else the line the device terminates, else none.
    /// </summary>
    public static LineRole LineOf(Device device, string? interfaceName)
    {
        if (!string.IsNullOrEmpty(interfaceName) && device.Interfaces is { } interfaces)
        {
            foreach (var (line, name) in interfaces)
                if (SameInterface(name, interfaceName)) return LineRoles.Parse(line);
        }
        return LineRoles.Parse(device.Line);
    }

    /// <summary>True when two interface names denote the same port: equal, or one's letters abbreviate the other's with the same numbering.</summary>
    public static bool SameInterface(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Equals(b, StringComparison.OrdinalIgnoreCase)) return true;
        int la = LetterPrefix(a), lb = LetterPrefix(b);
        if (la == 0 || lb == 0) return false;
        if (!a[la..].Equals(b[lb..], StringComparison.OrdinalIgnoreCase)) return false;
        return la <= lb
            ? b[..lb].StartsWith(a[..la], StringComparison.OrdinalIgnoreCase)
            : a[..la].StartsWith(b[..lb], StringComparison.OrdinalIgnoreCase);
    }

    private static int LetterPrefix(ReadOnlySpan<char> s)
    {
        int i = 0;
        while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
        return i;
    }
}
