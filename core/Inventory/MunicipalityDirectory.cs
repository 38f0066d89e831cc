using System.Collections.Frozen;
using System.Globalization;

namespace NetOps.Core.Inventory;

/// <summary>
/// The directory of all LGWAN bodies, read from the copy of <c>municipalities.csv</c> (CC0, code4fukui/localgovjp)
/// embedded in NetOps.Core.
/// </summary>
public static class MunicipalityDirectory
{
    private static readonly Lazy<IReadOnlyList<Municipality>> All = new(LoadEmbedded);
    private static readonly Lazy<FrozenDictionary<string, Municipality>> ByCode =
        new(() => All.Value.ToFrozenDictionary(m => m.Code, StringComparer.Ordinal));
    private static readonly Lazy<FrozenDictionary<string, Municipality>> PrefectureNodes =
        new(() => All.Value.Where(m => m.IsPrefecture).ToFrozenDictionary(m => m.PrefectureCode, StringComparer.Ordinal));

    /// <summary>All 1,788 rows, sorted by code.</summary>
    public static IReadOnlyList<Municipality> Entries => All.Value;

    /// <summary>The body with this 6-digit code, or null.</summary>
    public static Municipality? Find(string code) => ByCode.Value.GetValueOrDefault(code);

    /// <summary>The prefecture (its node's row) with this 2-digit prefecture code, or null.</summary>
    public static Municipality? PrefectureOf(string prefectureCode) => PrefectureNodes.Value.GetValueOrDefault(prefectureCode);

    private static IReadOnlyList<Municipality> LoadEmbedded()
    {
        using var stream = typeof(MunicipalityDirectory).Assembly.GetManifestResourceStream("NetOps.Core.municipalities.csv")
            ?? throw new InvalidOperationException("municipalities.csv is not embedded in NetOps.Core");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>Parses the directory's CSV form (<c>code,prefecture_code,prefecture,name,kana,kind,lat,lon</c>).</summary>
    public static IReadOnlyList<Municipality> Parse(TextReader reader)
    {
        var list = new List<Municipality>(1800);
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("code,prefecture_code", StringComparison.Ordinal))
            throw new FormatException("municipalities.csv: unexpected header");
        int lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 8 || !LocalGovernmentCode.IsValid(f[0]))
                throw new FormatException($"municipalities.csv line {lineNo}: malformed row");
            list.Add(new Municipality(f[0], f[1], f[2], f[3], f[4], f[5],
                double.Parse(f[6], CultureInfo.InvariantCulture), double.Parse(f[7], CultureInfo.InvariantCulture)));
        }
        return list;
    }
}
