using System.Collections.Frozen;
using System.Net;
using System.Text.Json;
using NetOps.Core.Events;
using NetOps.Core.Influx;

namespace NetOps.Core.Inventory;

/// <summary>
/// The site inventory with lookups by source address and by hostname. Immutable once built; a reload
/// builds a new one.
/// </summary>
public sealed class SiteInventory : IInventorySource
{
    private readonly FrozenDictionary<IPAddress, DeviceMatch> _byAddress;
    private readonly FrozenDictionary<string, DeviceMatch> _byName;
    private readonly FrozenDictionary<string, Site> _sites;

    public SiteInventory(IEnumerable<Site> sites)
    {
        var list = sites.ToList();
        var byAddress = new Dictionary<IPAddress, DeviceMatch>();
        var byName = new Dictionary<string, DeviceMatch>(StringComparer.OrdinalIgnoreCase);
        var byCode = new Dictionary<string, Site>(StringComparer.Ordinal);
        for (int s = 0; s < list.Count; s++)
        {
            var site = list[s];
            if (string.IsNullOrWhiteSpace(site.Code))
                throw new InventoryException($"sites[{s}]: code is missing");
            if (CodeProblem(site.Code) is { } codeProblem)
                throw new InventoryException($"sites[{s}] ({site.Name}): code {Quote(site.Code)} {codeProblem}");
            if (site.Parent is { } parentCode && CodeProblem(parentCode) is { } parentProblem)
                throw new InventoryException($"sites[{s}] ({site.Code}): parent {Quote(parentCode)} {parentProblem}");
            if (!byCode.TryAdd(site.Code, site))
                throw new InventoryException($"sites[{s}]: code {site.Code} appears twice");
            for (int d = 0; d < site.Devices.Count; d++)
            {
                var device = site.Devices[d];
                if (string.IsNullOrWhiteSpace(device.Name))
                    throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}]: name is missing");
                // The name becomes the device tag of every point the device sends; refuse it here, once, rather
                // than have every one of its points refused by the writer.
                if (LineProtocol.TagValueProblem(device.Name) is { } tagProblem)
                    throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}]: device name {Quote(device.Name)} cannot be an InfluxDB tag: it {tagProblem}");
                if (device.Charset is { } charset && !Device.Charsets.Contains(charset, StringComparer.OrdinalIgnoreCase))
                    throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}] ({device.Name}): charset {Quote(charset)} is not one of {string.Join(", ", Device.Charsets)}");
                if (device.Snmp is { } snmp)
                {
                    if (snmp.Problem() is { } snmpProblem)
                        throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}] ({device.Name}): {snmpProblem}");
                    if (device.Addresses.Count == 0)
                        throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}] ({device.Name}): snmp needs an address to poll, and the device has none");
                }
                var match = new DeviceMatch(site, device);
                if (!byName.TryAdd(device.Name, match))
                    throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}]: device name {device.Name} appears twice");
                foreach (var text in device.Addresses)
                {
                    if (!IPAddress.TryParse(text, out var address))
                        throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}] ({device.Name}): address '{text}' is not an IP address");
                    if (!byAddress.TryAdd(Normalize(address), match))
                        throw new InventoryException($"sites[{s}] ({site.Code}) devices[{d}] ({device.Name}): address {text} belongs to another device");
                }
            }
        }
        var implied = new List<Site>();
        // A parent may be implied by another implied site (a prefecture node implies the centre), so walk until none is missing.
        for (int i = 0; i < list.Count; i++)
        {
            var site = list[i];
            if (site.Parent is not { } parent || byCode.ContainsKey(parent)) continue;
            var node = ImpliedSite(parent)
                ?? throw new InventoryException($"site {site.Code}: parent {parent} is not in the inventory nor in the municipality directory");
            byCode.Add(node.Code, node);
            list.Add(node);
            implied.Add(node);
        }
        Sites = list;
        ImpliedSites = implied;
        _byAddress = byAddress.ToFrozenDictionary();
        _byName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _sites = byCode.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Sites the inventory did not list but its sites name as parents: prefecture nodes and the national centre
    /// (or any body) taken from the municipality directory, without devices. The host logs them at start.
    /// </summary>
    public IReadOnlyList<Site> ImpliedSites { get; }

    private static Site? ImpliedSite(string code)
    {
        if (code == Measurements.NationalCentre)
            return new Site { Code = code, Name = NationalCentreName, Prefecture = "00" };
        var body = MunicipalityDirectory.Find(code);
        if (body is null) return null;
        string parent = body.IsPrefecture ? Measurements.NationalCentre
            : MunicipalityDirectory.PrefectureOf(body.PrefectureCode)?.Code ?? Measurements.NationalCentre;
        return new Site { Code = body.Code, Name = body.Name, Prefecture = body.PrefectureCode, Parent = parent };
    }

    /// <summary>Why <paramref name="code"/> is not a local government code, or null when it is one.</summary>
    private static string? CodeProblem(string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return "is not six digits";
        if (!LocalGovernmentCode.IsValid(code))
            return $"has a wrong check digit (a code starting {code[..5]} ends in {LocalGovernmentCode.CheckDigit(code.AsSpan(0, 5))})";
        return null;
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s, JsonOptions);

    public IReadOnlyList<Site> Sites { get; }

    SiteInventory IInventorySource.Current => this;

    event Action<SiteInventory>? IInventorySource.Changed { add { } remove { } }

    public int DeviceCount => _byName.Count;

    public Site? FindSite(string code) => _sites.GetValueOrDefault(code);

    /// <summary>
    /// A filter's sites narrowed to a prefecture (<c>"35"</c>): the codes of <paramref name="sites"/> (every site when
    /// null) whose prefecture it is; null when neither narrows, empty when nothing is left.
    /// </summary>
    public IReadOnlyCollection<string>? Narrow(IReadOnlyCollection<string>? sites, string? prefecture)
    {
        if (string.IsNullOrEmpty(prefecture)) return sites;
        var inPrefecture = Sites.Where(s => s.Prefecture == prefecture).Select(s => s.Code);
        return sites is null ? [.. inPrefecture] : [.. inPrefecture.Intersect(sites)];
    }

    public DeviceMatch? FindByAddress(IPAddress address) => _byAddress.GetValueOrDefault(Normalize(address));

    public DeviceMatch? FindByName(string hostname) => _byName.GetValueOrDefault(hostname);

    public DeviceMatch? FindByName(ReadOnlySpan<char> hostname) =>
        _byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(hostname, out var m) ? m : null;

    /// <summary>Finds the device by source address, else by the hostname in its message.</summary>
    public DeviceMatch? Find(IPAddress? source, string? hostname)
    {
        if (source is not null && FindByAddress(source) is { } bySource) return bySource;
        return string.IsNullOrEmpty(hostname) ? null : FindByName(hostname);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The national centre's name when the inventory implies it.</summary>
    public const string NationalCentreName = "LGWAN全国センター";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Loads an inventory file; throws <see cref="InventoryException"/> naming the file and the bad item.</summary>
    public static SiteInventory Load(string path)
    {
        if (!File.Exists(path)) throw new InventoryException($"Inventory:Path: file '{path}' does not exist");
        try
        {
            using var stream = File.OpenRead(path);
            var doc = JsonSerializer.Deserialize<InventoryDocument>(stream, JsonOptions)
                      ?? throw new InventoryException($"{path}: empty document");
            return new SiteInventory(doc.Sites);
        }
        catch (JsonException e)
        {
            throw new InventoryException($"{path}: not a valid inventory file: {e.Message}", e);
        }
        catch (InventoryException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InventoryException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes the inventory in its file form.</summary>
    public void Save(string path)
    {
        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
            JsonSerializer.Serialize(stream, new InventoryDocument { Sites = Sites.ToList() }, JsonOptions);
        File.Move(tmp, path, overwrite: true);
    }

    public string ToJson() => JsonSerializer.Serialize(new InventoryDocument { Sites = Sites.ToList() }, JsonOptions);
}
