using NetOps.Core.Events;
using NetOps.Core.Inventory;

namespace NetOps.Dashboard.Ui;

/// <summary>Names and kana from the municipality directory, so that the inventory's filter takes a name, kana or code.</summary>
public static class InventoryDirectory
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Prefectures = new(() =>
        MunicipalityDirectory.Entries.Where(m => m.IsPrefecture).ToDictionary(m => m.PrefectureCode, m => m.Prefecture));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Kana = new(() =>
        MunicipalityDirectory.Entries.ToDictionary(m => m.Code, m => m.Kana));

    /// <summary>The prefecture's name for a 2-digit code; 全国 for the national centre's <c>00</c>.</summary>
    public static string PrefectureName(string code) =>
        code == "00" ? "全国" : Prefectures.Value.GetValueOrDefault(code) ?? code;

    public static IEnumerable<(string Code, string Name)> AllPrefectures =>
        new[] { ("00", "全国") }.Concat(Prefectures.Value.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));

    public static string? KanaOf(string siteCode) => Kana.Value.GetValueOrDefault(siteCode);

    /// <summary>centre, prefecture (node) or municipality, as the overview counts them.</summary>
    public static string KindOf(Site s) =>
        s.Code == Measurements.NationalCentre || s.Parent is null ? "centre" : s.Parent == Measurements.NationalCentre ? "prefecture" : "municipality";

    public static bool Matches(Site s, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return true;
        var f = filter.Trim();
        var kana = ToHiragana(f);
        return s.Code.StartsWith(f, StringComparison.Ordinal)
               || s.Name.Contains(f, StringComparison.OrdinalIgnoreCase)
               || (KanaOf(s.Code)?.Contains(kana, StringComparison.Ordinal) ?? false)
               || s.Devices.Any(d => d.Name.Contains(f, StringComparison.OrdinalIgnoreCase) || d.Addresses.Contains(f));
    }

    /// <summary>The directory's kana are hiragana; a person may type katakana.</summary>
    public static string ToHiragana(string s) =>
        string.Create(s.Length, s, (span, src) =>
        {
            for (int i = 0; i < src.Length; i++) span[i] = src[i] is >= '\u30A1' and <= '\u30F6' ? (char)(src[i] - 0x60) : src[i];
        });
}
